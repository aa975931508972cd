/**
 * Moving appointments on the calendar by dragging (pointer events, so it works with a
 * finger on the front desk's tablet as well as a mouse). Dropping a card on another time,
 * day or provider column posts to the appointment's move route, which checks the new time
 * like a new booking; a refusal is read from the page it answers with and shown above the
 * grid, and the card goes back. The keyboard way is each card's "Move…" link (a form).
 *
 * Also: the polled grid refresh (htmx, marked X-Lume-Background) is held while a card is
 * being dragged, so the card is not replaced under the finger.
 */
import { clockLabel } from '../clock.ts';

const THRESHOLD_PX = 6;
const MINUTES_PER_ROW = 5;

interface Drag {
  card: HTMLElement;
  pointerId: number;
  x: number;
  y: number;
  moved: boolean;
}

let dragging: Drag | null = null;

function message(text: string, error = false): void {
  const box = document.getElementById('calendar-message');
  if (!box) return;
  box.textContent = text;
  box.classList.toggle('is-error', error);
}

function grid(): HTMLElement | null {
  return document.getElementById('calendar-grid');
}

function refreshGrid(): void {
  // The grid's hx-trigger listens for this event besides its 20-second poll.
  grid()?.dispatchEvent(new CustomEvent('calendar-refresh'));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Where a drop lands: the column's day and provider, and the time under the card's top edge. */
function dropTarget(card: HTMLElement, x: number, y: number): { date: string; time: string; provider: string | null } | null {
  card.hidden = true;
  const under = document.elementFromPoint(x, y);
  card.hidden = false;
  const body = under?.closest<HTMLElement>('.cal-col__body[data-date]');
  if (!body) return null;
  const rows = Number(body.dataset.rows);
  const startMinute = Number(body.dataset.startMinute);
  const rect = body.getBoundingClientRect();
  const rowHeight = rect.height / rows;
  const top = card.getBoundingClientRect().top;
  const row = Math.max(0, Math.min(rows - 1, Math.round((top - rect.top) / rowHeight)));
  // The card may show a later part of the appointment (a second service): keep the offset.
  const minute = startMinute + row * MINUTES_PER_ROW - Number(card.dataset.offset ?? 0);
  if (minute < 0 || minute >= 1440) return null;
  return { date: body.dataset.date!, time: `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`, provider: body.dataset.provider ?? null };
}

async function move(card: HTMLElement, target: { date: string; time: string; provider: string | null }): Promise<void> {
  const csrf = document.querySelector<HTMLElement>('.calendar-page[data-csrf]')?.dataset.csrf ?? '';
  const body = new URLSearchParams({ _csrf: csrf, date: target.date, time: target.time });
  const from = card.closest<HTMLElement>('.cal-col__body')?.dataset.provider;
  const lines = (card.dataset.lineProviders ?? '').split(',').filter(Boolean);
  if (target.provider && from && target.provider !== from) {
    for (const p of lines) body.append('provider_id', p === from ? target.provider : p);
  }
  card.classList.add('is-saving');
  message('Moving…');
  try {
    const response = await fetch(`/appointments/${card.dataset.appointment}/move`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'x-csrf-token': csrf },
    });
    if (response.type === 'opaqueredirect' || response.ok) {
      message(`Moved to ${clockLabel(target.time)}${target.date !== card.closest<HTMLElement>('.cal-col__body')?.dataset.date ? ` on ${target.date}` : ''}.`);
    } else {
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const why = page.querySelector('.field__error, .alert')?.textContent?.trim().replace(/\s+/g, ' ');
      message(why || 'That move was not possible.', true);
    }
  } catch {
    message('The move did not reach the server. Check the connection and try again.', true);
  }
  card.style.transform = '';
  card.classList.remove('is-saving');
  refreshGrid();
}

function onPointerDown(event: PointerEvent): void {
  const target = event.target as HTMLElement;
  const card = target.closest<HTMLElement>('.cal-card[data-draggable]');
  if (!card || target.closest('a, button') || event.button !== 0) return;
  // No text selection or native drag (either would cancel the pointer stream).
  event.preventDefault();
  dragging = { card, pointerId: event.pointerId, x: event.clientX, y: event.clientY, moved: false };
  card.setPointerCapture(event.pointerId);
}

function onPointerMove(event: PointerEvent): void {
  if (!dragging || event.pointerId !== dragging.pointerId) return;
  const dx = event.clientX - dragging.x;
  const dy = event.clientY - dragging.y;
  if (!dragging.moved && Math.hypot(dx, dy) < THRESHOLD_PX) return;
  dragging.moved = true;
  dragging.card.classList.add('is-dragging');
  // CSSOM assignments are allowed by the CSP (only style attributes in the markup are not).
  dragging.card.style.transform = `translate(${dx}px, ${dy}px)`;
}

function onPointerUp(event: PointerEvent): void {
  if (!dragging || event.pointerId !== dragging.pointerId) return;
  const { card, moved } = dragging;
  dragging = null;
  card.classList.remove('is-dragging');
  if (!moved) return;
  const target = dropTarget(card, event.clientX, event.clientY);
  if (!target) {
    card.style.transform = '';
    message('Drop the appointment on a time in the calendar.', true);
    return;
  }
  void move(card, target);
}

function onPointerCancel(): void {
  if (!dragging) return;
  dragging.card.style.transform = '';
  dragging.card.classList.remove('is-dragging');
  dragging = null;
}

export function startCalendar(): void {
  if (!document.querySelector('[data-calendar]')) return;
  document.addEventListener('pointerdown', onPointerDown);
  document.addEventListener('pointermove', onPointerMove);
  document.addEventListener('pointerup', onPointerUp);
  document.addEventListener('pointercancel', onPointerCancel);
  document.addEventListener('dragstart', (event) => {
    if ((event.target as HTMLElement | null)?.closest?.('.cal-card[data-draggable]')) event.preventDefault();
  });
  // Hold the background refresh while a card is in the hand.
  document.addEventListener('htmx:beforeRequest', (event) => {
    if (dragging?.moved && (event.target as HTMLElement).id === 'calendar-grid') event.preventDefault();
  });
}
