import { type ObjectLabel, objectLabels } from '../../shared/labels';
import type { EventFilter } from '../events/event-store';
import { HttpError } from './params';

/** Longest `minDuration` accepted, in seconds (a day). */
const MAX_DURATION = 86_400;

/**
 * The filters of `GET /api/events` from its query: `from`, `to` (Unix seconds), `hasClip`, `minDuration`,
 * `label`, `reviewed`. Absent means "any"; a bad value is a 400 naming the parameter. `clipIds` gives the
 * events with a clip (asked only when `hasClip` is used).
 */
export function parseEventFilter(query: Record<string, unknown>, clipIds: () => number[]): EventFilter {
  const filter: EventFilter = {};
  if (query.from !== undefined) filter.from = seconds('from', query.from);
  if (query.to !== undefined) filter.to = seconds('to', query.to);
  if (filter.from !== undefined && filter.to !== undefined && filter.to <= filter.from) {
    throw new HttpError(400, 'to must be later than from');
  }
  if (query.hasClip !== undefined) filter.clips = { ids: clipIds(), has: flag('hasClip', query.hasClip) };
  if (query.minDuration !== undefined) {
    const value = typeof query.minDuration === 'string' ? Number(query.minDuration) : Number.NaN;
    if (!(/^\d+(\.\d+)?$/.test(String(query.minDuration)) && value <= MAX_DURATION)) {
      throw new HttpError(400, `minDuration must be a number of seconds from 0 to ${MAX_DURATION}`);
    }
    filter.minDuration = value;
  }
  if (query.label !== undefined) {
    if (!objectLabels.includes(query.label as ObjectLabel)) {
      throw new HttpError(400, `label must be one of ${objectLabels.join(', ')}`);
    }
    filter.label = query.label as ObjectLabel;
  }
  if (query.reviewed !== undefined) filter.reviewed = flag('reviewed', query.reviewed);
  return filter;
}

function seconds(name: string, value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,11}(\.\d{1,6})?$/.test(value)) {
    throw new HttpError(400, `${name} must be a time in Unix seconds`);
  }
  return Number(value);
}

function flag(name: string, value: unknown): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new HttpError(400, `${name} must be true or false`);
}
