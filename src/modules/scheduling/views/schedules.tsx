/** Settings → Schedules: everyone active, where and on which days they work, and their licence standing. */
import { Alert, Badge, EmptyState, PageHeader } from '../../../ui/components.tsx';
import { CredentialBadges, RoleBadges } from '../../identity/views/staff-parts.tsx';
import { WEEKDAYS } from '../../tenancy/hours.ts';
import type { ScheduleListEntry } from '../schedules.ts';

export function SchedulesPage(props: { entries: ScheduleListEntry[]; hasLocations: boolean }) {
  const expired = props.entries.filter((e) => e.person.credentials.some((c) => c.standing === 'expired'));
  return (
    <div class="stack-lg">
      <PageHeader title="Schedules" description="Who works where and when. Choose a person to set their week at each location, one-off days and time off." />
      {props.hasLocations ? null : (
        <Alert tone="info">
          Add a <a href="/settings/locations">location</a> first: schedules are kept per location.
        </Alert>
      )}
      {expired.length ? (
        <Alert tone="warning" title="Expired licence">
          {expired.map((e) => e.person.fullName).join(', ')} cannot be booked for services that need a licence until the renewal is recorded.
        </Alert>
      ) : null}
      {props.entries.length ? (
        <div class="table-wrap table-wrap--contained">
          <table class="table table--stack">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Roles</th>
                <th scope="col">Licences</th>
                <th scope="col">Works</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr>
                  <td data-label="Person">
                    <a href={`/settings/schedules/${e.person.id}`}>{e.person.fullName}</a>
                  </td>
                  <td data-label="Roles" class="wrap-cell">
                    <RoleBadges roles={e.person.roles} />
                  </td>
                  <td data-label="Licences" class="wrap-cell">
                    <CredentialBadges credentials={e.person.credentials} />
                  </td>
                  <td data-label="Works">
                    {e.locations.length ? (
                      <ul class="plain-list">
                        {e.locations.map((l) => (
                          <li>
                            {l.name}: {WEEKDAYS.filter((d) => l.weekdays.includes(d.index)).map((d) => d.short).join(', ')}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <Badge>No hours set</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <EmptyState title="Nobody to schedule yet">Invite staff first; their schedules are set here.</EmptyState>
      )}
    </div>
  );
}
