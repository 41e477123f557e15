import { signal } from '@preact/signals';
import type { EventRecord } from '../../shared/api';
import type { MotionEnd, MotionLabel, MotionStart } from '../../shared/events';
import type { ReviewedEvents } from '../../shared/history';
import { bestLabels } from '../../shared/labels';
import { fetchEvents } from '../net/api';
import { filterQuery, historyFilter, narrowed, newestKnownId, pickedDay, unreviewedCount } from './history';

/** Events fetched per history page. */
export const pageSize = 30;

/**
 * Most events kept while the list is scrolled to the top: older ones are dropped (and can be paged
 * back in), so a kiosk that runs for months keeps a flat memory profile.
 */
export const liveCap = 100;

/**
 * Most events in the list (and the DOM) while paging into history: past it the newest are dropped and a
 * "Show newer events" button takes their place, so 10,000 events never make 10,000 rows.
 */
export const maxRows = 150;

/** The timeline, newest first, unique by id. */
export const events = signal<EventRecord[]>([]);

/** Events that arrived while the user was not looking at the top of the list (or that the filters hide). */
export const unseen = signal(0);

/** Whether the list is scrolled to its top (set by the Timeline view). */
export const atTop = signal(true);

/** Newer events were dropped from the list to keep it bounded. */
export const newerCut = signal(false);

export type HistoryState = 'idle' | 'loading' | 'end' | 'error';
export const historyState = signal<HistoryState>('idle');

/** `before` for the next older page; null once the server said there is none. */
let nextBefore: number | null = null;
let firstPageLoaded = false;
/** Bumped by every reload, so a page asked for under the old filters is dropped. */
let generation = 0;

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

/** Loads the newest page (or the next older one) of `/api/events` under the current filters. */
export async function loadOlder(): Promise<void> {
  if (historyState.value === 'loading' || historyState.value === 'end') return;
  historyState.value = 'loading';
  const asked = generation;
  try {
    const query = filterQuery(historyFilter.value, pickedDay.value);
    const page = await fetchEvents(firstPageLoaded ? nextBefore : null, pageSize, query);
    if (asked !== generation) return;
    firstPageLoaded = true;
    merge(page.events);
    if (events.value.length > maxRows) {
      events.value = events.value.slice(events.value.length - maxRows);
      newerCut.value = true;
    }
    newestKnownId.value = Math.max(newestKnownId.value, page.events[0]?.id ?? 0);
    nextBefore = page.nextBefore;
    historyState.value = nextBefore === null ? 'end' : 'idle';
  } catch {
    if (asked === generation) historyState.value = 'error';
  }
}

/** Starts the list again from its newest event under the current filters and day. */
export function reloadHistory(): void {
  generation++;
  events.value = [];
  nextBefore = null;
  firstPageLoaded = false;
  newerCut.value = false;
  unseen.value = 0;
  historyState.value = 'idle';
  void loadOlder();
}

/** Allows a retry after a failed load. */
export function retryHistory(): void {
  if (historyState.value === 'error') historyState.value = 'idle';
  void loadOlder();
}

/** A motion event started (live from SSE, or replayed after a reconnect). */
export function addLive(start: MotionStart, looking: boolean): void {
  if (events.value.some((e) => e.id === start.id)) return;
  // An id above every one known is new; a lower one is a replay after a reconnect, already counted.
  const fresh = start.id > newestKnownId.value;
  if (fresh) {
    newestKnownId.value = start.id;
    unreviewedCount.value++;
  }
  if (narrowed.value || newerCut.value) {
    if (fresh) unseen.value++;
    return;
  }
  merge([{ ...start, end: null, reviewed: false, labels: [] }]);
  if (!looking) unseen.value++;
  if (atTop.value && events.value.length > liveCap) {
    events.value = events.value.slice(0, liveCap);
    nextBefore = events.value[events.value.length - 1].id;
    if (historyState.value === 'end') historyState.value = 'idle';
  }
}

function update(id: number, change: (record: EventRecord) => EventRecord): boolean {
  const index = events.value.findIndex((e) => e.id === id);
  if (index < 0) return false;
  const next = events.value.slice();
  next[index] = change(next[index]);
  events.value = next;
  return true;
}

export function endLive(end: MotionEnd): void {
  const labels = end.labels ?? [];
  const listed = update(end.motionId, (r) => ({ ...r, end, labels: bestLabels([...r.labels, ...labels]) }));
  if (!listed) {
    if (earlyEnds.size > 50) earlyEnds.clear(); // only a page in flight can still need them
    earlyEnds.set(end.motionId, end);
  }
}

/** An object label of a running event: shown on its row at once. */
export function labelLive(label: MotionLabel): void {
  update(label.motionId, (r) => ({ ...r, labels: bestLabels([...r.labels, label]) }));
}

/** Someone (here or on another dashboard) reviewed events. */
export function applyReviewed(message: ReviewedEvents): void {
  const ids = new Set(message.motionIds);
  const through = message.throughId ?? 0;
  if (events.value.some((e) => !e.reviewed && (ids.has(e.id) || e.id <= through))) {
    events.value = events.value.map((e) =>
      !e.reviewed && (ids.has(e.id) || e.id <= through) ? { ...e, reviewed: true } : e,
    );
  }
  unreviewedCount.value = message.unreviewed;
}

/** An event was deleted (here or on another dashboard): its row goes. */
export function dropEvent(motionId: number, unreviewed: number): void {
  events.value = events.value.filter((e) => e.id !== motionId);
  unreviewedCount.value = unreviewed;
}

export function markSeen(): void {
  unseen.value = 0;
}
