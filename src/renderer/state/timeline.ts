import { signal } from '@preact/signals';
import type { EventRecord } from '../../shared/api';
import type { MotionEnd, MotionStart } from '../../shared/events';
import { fetchEvents } from '../net/api';

/** Events fetched per history page. */
export const pageSize = 20;

/**
 * Most events kept while the list is scrolled to the top: older ones are dropped (and can be paged
 * back in), so a kiosk that runs for months keeps a flat memory profile.
 */
export const liveCap = 100;

/** The timeline, newest first, unique by id. */
export const events = signal<EventRecord[]>([]);

/** Events that arrived while the user was not looking at the top of the list. */
export const unseen = signal(0);

/** Whether the list is scrolled to its top (set by the Timeline view). */
export const atTop = signal(true);

export type HistoryState = 'idle' | 'loading' | 'end' | 'error';
export const historyState = signal<HistoryState>('idle');

/** `before` for the next older page; null once the server said there is none. */
let nextBefore: number | null = null;
let firstPageLoaded = false;

/**
 * Ends that arrived live before their event was listed (a page fetched before the end, answered
 * after it): applied when the event comes in, so it is not left "ongoing" for ever.
 */
const earlyEnds = new Map<number, MotionEnd>();

function merge(records: EventRecord[]): void {
  const byId = new Map(events.value.map((e) => [e.id, e]));
  for (const r of records) {
    const known = byId.get(r.id);
    const early = earlyEnds.get(r.id);
    earlyEnds.delete(r.id);
    // A live record may already know its end while the page (fetched earlier) does not.
    byId.set(r.id, known?.end && !r.end ? known : !r.end && early ? { ...r, end: early } : r);
  }
  events.value = [...byId.values()].sort((a, b) => b.id - a.id);
}

/** Loads the newest page (or the next older one) of `/api/events`. */
export async function loadOlder(): Promise<void> {
  if (historyState.value === 'loading' || historyState.value === 'end') return;
  historyState.value = 'loading';
  try {
    const page = await fetchEvents(firstPageLoaded ? nextBefore : null, pageSize);
    firstPageLoaded = true;
    merge(page.events);
    nextBefore = page.nextBefore;
    historyState.value = nextBefore === null ? 'end' : 'idle';
  } catch {
    historyState.value = 'error';
  }
}

/** Allows a retry after a failed load. */
export function retryHistory(): void {
  if (historyState.value === 'error') historyState.value = 'idle';
  void loadOlder();
}

/** A motion event started (live from SSE, or replayed after a reconnect). */
export function addLive(start: MotionStart, looking: boolean): void {
  if (events.value.some((e) => e.id === start.id)) return;
  merge([{ ...start, end: null, reviewed: false, labels: [] }]);
  if (!looking) unseen.value++;
  if (atTop.value && events.value.length > liveCap) {
    events.value = events.value.slice(0, liveCap);
    nextBefore = events.value[events.value.length - 1].id;
    if (historyState.value === 'end') historyState.value = 'idle';
  }
}

export function endLive(end: MotionEnd): void {
  const index = events.value.findIndex((e) => e.id === end.motionId);
  if (index < 0) {
    if (earlyEnds.size > 50) earlyEnds.clear(); // only a page in flight can still need them
    earlyEnds.set(end.motionId, end);
    return;
  }
  const next = events.value.slice();
  next[index] = { ...next[index], end };
  events.value = next;
}

export function markSeen(): void {
  unseen.value = 0;
}
