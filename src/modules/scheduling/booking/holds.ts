import type { Phase, ServiceAssignment } from '../availability/index.ts';

/** One span of time a booking holds: a provider or a resource, for one of its services. */
export type Hold = { serviceIndex: number; start: Date; end: Date } & ({ providerId: string } | { resourceId: string });

const MINUTE = 60_000;

/**
 * The holds a booking writes (pure): each service's phases laid end to end from
 * its start; the provider is held in the phases that use them, each resource in
 * the phases that use its requirement. Consecutive phases holding the same
 * subject become one span, so a room is held once from numbing to clean-up.
 */
export function holdsOf(assignment: readonly ServiceAssignment[], phasesByService: readonly (readonly Phase[])[]): Hold[] {
  const holds: Hold[] = [];
  assignment.forEach((line, serviceIndex) => {
    const phases = phasesByService[serviceIndex] ?? [];
    const resourceOf = new Map(line.resources.map((r) => [r.requirementId, r.resourceId]));
    let at = line.start.getTime();
    for (const phase of phases) {
      const start = new Date(at);
      const end = new Date(at + phase.durationMinutes * MINUTE);
      at = end.getTime();
      if (phase.occupiesProvider && line.providerId) extend(holds, { serviceIndex, providerId: line.providerId, start, end });
      for (const requirementId of phase.requirementIds) {
        const resourceId = resourceOf.get(requirementId);
        if (resourceId) extend(holds, { serviceIndex, resourceId, start, end });
      }
    }
  });
  return holds;
}

const subjectOf = (h: Hold) => ('providerId' in h ? `p:${h.providerId}` : `r:${h.resourceId}`);

function extend(holds: Hold[], next: Hold): void {
  const previous = holds.findLast((h) => subjectOf(h) === subjectOf(next) && h.serviceIndex === next.serviceIndex);
  if (previous && previous.end.getTime() === next.start.getTime()) previous.end = next.end;
  else holds.push(next);
}
