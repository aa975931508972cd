import { Icon } from '../../../ui/components.tsx';
import { UNSEALED_COUNT_CAP, type SealStatus } from '../search.ts';
import { When } from './time.tsx';
import { plural } from './words.tsx';

/**
 * One line telling an owner that the trail is being sealed (docs/adr/004-audit-seals.md):
 * the latest seal, and how many entries wait for the next one.
 */
export function SealStatusLine(props: { seal: SealStatus; timeZone: string }) {
  const { latest, waiting, stale } = props.seal;
  const count = waiting > UNSEALED_COUNT_CAP ? `More than ${UNSEALED_COUNT_CAP.toLocaleString('en-US')} entries` : plural(waiting, 'entry', 'entries');
  const waitingText =
    waiting === 0 ? 'Every entry is sealed.' : `${count} ${waiting === 1 ? 'waits' : 'wait'} for the next seal; seals are made every minute.`;
  return (
    <div class={['audit-seal', stale ? 'audit-seal--stale' : ''].filter(Boolean).join(' ')} role="status">
      <Icon name={stale ? 'warning' : 'shield'} class="audit-seal__icon" />
      <p>
        {latest ? (
          <>
            <span class="audit-seal__label">Tamper seal:</span> last sealed <When at={latest.sealedAt} timeZone={props.timeZone} /> (seal no. {latest.seq}).{' '}
          </>
        ) : (
          <>
            <span class="audit-seal__label">Tamper seal:</span> {waiting === 0 ? 'nothing to seal yet.' : 'not sealed yet.'}{' '}
          </>
        )}
        {waiting === 0 && !latest ? null : waitingText}
        {stale ? ' Some have waited more than ten minutes: check that the Lumè worker is running.' : null}
      </p>
    </div>
  );
}
