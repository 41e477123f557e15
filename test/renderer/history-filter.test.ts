import { afterEach, describe, expect, it } from 'vitest';
import { endOfDay, filterQuery, noFilter } from '../../src/renderer/state/history';

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

describe('the history query the dashboard sends', () => {
  it('ends a picked day at the next local midnight, 23 or 25 hours later on DST days', () => {
    process.env.TZ = 'America/New_York';
    // 2026-03-08 is 23 hours long in New York, 2026-11-01 25 hours.
    expect(endOfDay('2026-03-08') - endOfDay('2026-03-07')).toBe(23 * 3600);
    expect(endOfDay('2026-11-01') - endOfDay('2026-10-31')).toBe(25 * 3600);
    expect(new Date(endOfDay('2026-03-08') * 1000).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    process.env.TZ = 'Asia/Seoul';
    expect(new Date(endOfDay('2026-11-29') * 1000).toISOString()).toBe('2026-11-29T15:00:00.000Z');
  });

  it('sends only the filters that are on', () => {
    expect(filterQuery(noFilter, null)).toEqual({});
    process.env.TZ = 'UTC';
    expect(
      filterQuery({ hasClip: true, minDuration: 10, label: 'cat', unreviewed: true }, '2026-11-28'),
    ).toEqual({
      hasClip: 'true',
      minDuration: '10',
      label: 'cat',
      reviewed: 'false',
      to: String(Date.UTC(2026, 10, 29) / 1000),
    });
  });
});
