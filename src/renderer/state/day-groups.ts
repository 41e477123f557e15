import type { EventRecord } from '../../shared/api';

/** One local calendar day of the timeline, newest first. */
export interface DayGroup {
  /** Local date as `YYYY-MM-DD`, in the browser's time zone. */
  key: string;
  /** Local midnight at the start of that day, Unix ms (for the heading's date). */
  start: number;
  events: EventRecord[];
}

/** `YYYY-MM-DD` of a moment in the browser's time zone (local calendar fields, so DST needs nothing special). */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The day before `ms`'s local day, as a key: by calendar fields, not 24 h, which is wrong on DST days. */
export function yesterdayKey(ms: number): string {
  const d = new Date(ms);
  return dayKey(new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1, 12).getTime());
}

/** Groups events (newest first) by the local day they started on, keeping their order. */
export function groupByDay(events: EventRecord[]): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const event of events) {
    const ms = event.ts * 1000;
    const key = dayKey(ms);
    const last = groups.at(-1);
    if (last?.key === key) last.events.push(event);
    else {
      const d = new Date(ms);
      groups.push({
        key,
        start: new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime(),
        events: [event],
      });
    }
  }
  return groups;
}

/** Milliseconds from `now` to the next local midnight (23, 24 or 25 h days alike). */
export function msToMidnight(now: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - now;
}
