/** An appointment's day as a small state machine (pure). */
export type AppointmentStatus = 'booked' | 'checked_in' | 'in_progress' | 'completed' | 'cancelled' | 'no_show';
export type AppointmentAction = 'check_in' | 'start' | 'complete' | 'no_show' | 'cancel';

const MOVES: Record<AppointmentAction, { from: AppointmentStatus[]; to: AppointmentStatus; refused: string }> = {
  check_in: { from: ['booked'], to: 'checked_in', refused: 'Only a booked appointment can be checked in.' },
  start: { from: ['checked_in'], to: 'in_progress', refused: 'Check the client in before starting.' },
  complete: { from: ['checked_in', 'in_progress'], to: 'completed', refused: 'Only an appointment in progress (or checked in) can be completed.' },
  no_show: { from: ['booked'], to: 'no_show', refused: 'Only a booked appointment that nobody checked in can be a no-show.' },
  cancel: { from: ['booked', 'checked_in'], to: 'cancelled', refused: 'A started, finished or already cancelled appointment cannot be cancelled.' },
};

export const ACTION_LABELS: Record<AppointmentAction, string> = {
  check_in: 'Check in',
  start: 'Start',
  complete: 'Complete',
  no_show: 'No-show',
  cancel: 'Cancel',
};

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  checked_in: 'Checked in',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const isAppointmentAction = (v: string): v is AppointmentAction => Object.hasOwn(MOVES, v);

export function nextStatus(from: AppointmentStatus, action: AppointmentAction): { ok: true; status: AppointmentStatus } | { ok: false; message: string } {
  const move = MOVES[action];
  return move.from.includes(from) ? { ok: true, status: move.to } : { ok: false, message: move.refused };
}

/** The actions open from a status, in the order the front desk meets them. */
export function actionsFrom(status: AppointmentStatus): AppointmentAction[] {
  return (Object.keys(MOVES) as AppointmentAction[]).filter((a) => MOVES[a].from.includes(status));
}

/** Why an action must wait for the clock, or null: nobody is a no-show before their time has come. */
export function tooEarly(action: AppointmentAction, startsAt: Date, now: Date): string | null {
  return action === 'no_show' && now.getTime() < startsAt.getTime() ? 'Not yet: a client is a no-show only once the appointment’s start time has passed.' : null;
}
