import { computed, signal } from '@preact/signals';
import type { ObjectLabel } from '../../shared/labels';

/** What the history list shows; the chips above it set these. */
export interface HistoryFilter {
  hasClip: boolean;
  /** Seconds an event must have lasted; 0 = any length. */
  minDuration: number;
  label: ObjectLabel | null;
  unreviewed: boolean;
}

export const noFilter: HistoryFilter = { hasClip: false, minDuration: 0, label: null, unreviewed: false };

export const historyFilter = signal<HistoryFilter>(noFilter);

/** The local day jumped to (`YYYY-MM-DD`): the list starts at its end and goes on into older days. Null: newest. */
export const pickedDay = signal<string | null>(null);

/** Motion events nobody has reviewed yet (from `/api/state`, then kept up to date by the stream). */
export const unreviewedCount = signal(0);

/** Highest motion event id this dashboard knows of: "Mark all reviewed" marks up to it. */
export const newestKnownId = signal(0);

/**
 * True when the list shows only part of what happens live: a new event may not belong in it (it has no clip,
 * duration or label yet), so live events are counted, not inserted. "Not reviewed" alone still takes them.
 */
export const narrowed = computed(() => {
  const f = historyFilter.value;
  return f.hasClip || f.minDuration > 0 || f.label !== null || pickedDay.value !== null;
});

export const filtering = computed(() => narrowed.value || historyFilter.value.unreviewed);

/** Unix seconds of the local midnight that ends `day` (`YYYY-MM-DD`): by calendar fields, so DST days work. */
export function endOfDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + 1).getTime() / 1000;
}

/** The query parameters of `GET /api/events` for a filter and picked day. */
export function filterQuery(filter: HistoryFilter, day: string | null): Record<string, string> {
  const query: Record<string, string> = {};
  if (filter.hasClip) query.hasClip = 'true';
  if (filter.minDuration > 0) query.minDuration = String(filter.minDuration);
  if (filter.label) query.label = filter.label;
  if (filter.unreviewed) query.reviewed = 'false';
  if (day) query.to = String(endOfDay(day));
  return query;
}
