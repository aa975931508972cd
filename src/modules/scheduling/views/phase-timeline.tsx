/**
 * A service's phases drawn to scale: one lane for the provider, one for the client, one per
 * room or device requirement, each filled where a phase holds it. SVG attributes carry the
 * proportions (no inline style under the CSP); the list below says the same in words.
 */
import { hoursAndMinutes } from '../service-form.ts';
import type { Phase } from '../services.ts';

interface Lane {
  name: string;
  kind: 'provider' | 'client' | 'resource';
  holds: (p: Phase) => boolean;
}

function lanes(phases: Phase[]): Lane[] {
  const labels = [...new Set(phases.flatMap((p) => p.requirementLabels))];
  return [
    { name: 'Provider', kind: 'provider', holds: (p) => p.usesProvider },
    { name: 'Client', kind: 'client', holds: (p) => p.usesClient },
    ...labels.map((label): Lane => ({ name: label, kind: 'resource', holds: (p) => p.requirementLabels.includes(label) })),
  ];
}

function uses(p: Phase): string {
  const parts = [p.usesProvider ? 'provider' : null, p.usesClient ? 'client' : null, ...p.requirementLabels].filter(Boolean);
  return parts.length ? parts.join(' + ') : 'nothing held';
}

export function PhaseTimeline(props: { phases: Phase[]; caption?: string }) {
  const total = props.phases.reduce((sum, p) => sum + p.minutes, 0);
  if (!total) return null;
  const starts = props.phases.map((_, i) => props.phases.slice(0, i).reduce((sum, p) => sum + p.minutes, 0));
  return (
    <figure class="phase-timeline">
      {props.caption ? <figcaption class="phase-timeline__caption">{props.caption}</figcaption> : null}
      <div class="phase-timeline__lanes" aria-hidden="true">
        {lanes(props.phases).map((lane) => (
          <div class="phase-timeline__lane">
            <span class="phase-timeline__name">{lane.name}</span>
            <svg class="phase-timeline__track" viewBox={`0 0 ${total} 10`} preserveAspectRatio="none" focusable="false">
              {props.phases.map((p, i) =>
                lane.holds(p) ? (
                  <rect class={`phase-timeline__bar phase-timeline__bar--${lane.kind}`} x={starts[i]! + 0.4} y="0" width={Math.max(p.minutes - 0.8, 0.5)} height="10" rx="0">
                    <title>{`${p.label}, ${p.minutes} min`}</title>
                  </rect>
                ) : null,
              )}
            </svg>
          </div>
        ))}
      </div>
      <ol class="phase-timeline__phases">
        {props.phases.map((p, i) => (
          <li>
            <span class="phase-timeline__index">{i + 1}</span> <strong>{p.label}</strong> · {p.minutes} min <span class="muted">({uses(p)})</span>
          </li>
        ))}
      </ol>
      <p class="phase-timeline__total text-sm muted">{`${hoursAndMinutes(total)} in all`}</p>
    </figure>
  );
}

/** One thin bar for lists: provider time solid, the rest light. */
export function PhaseStrip(props: { phases: Phase[] }) {
  const total = props.phases.reduce((sum, p) => sum + p.minutes, 0);
  if (!total) return null;
  let at = 0;
  return (
    <svg class="phase-strip" viewBox={`0 0 ${total} 10`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {props.phases.map((p) => {
        const x = at;
        at += p.minutes;
        return <rect class={p.usesProvider ? 'phase-strip__provider' : 'phase-strip__other'} x={x + 0.3} y="0" width={Math.max(p.minutes - 0.6, 0.5)} height="10" />;
      })}
    </svg>
  );
}
