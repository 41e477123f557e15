import { afterEach, describe, expect, it } from 'vitest';
import { dayKey, groupByDay, msToMidnight, yesterdayKey } from '../../src/renderer/state/day-groups';
import type { EventRecord } from '../../src/shared/api';

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
});

const event = (id: number, iso: string): EventRecord =>
  ({
    id,
    ts: Date.parse(iso) / 1000,
    camera: 'c',
    count: id,
    change: 3,
    box: null,
    snapshot: '',
    end: null,
  }) as EventRecord;

describe('timeline day groups in the browser time zone', () => {
  it('splits at local midnight, not at UTC midnight', () => {
    process.env.TZ = 'Asia/Seoul';
    // 23:59:30 and 00:00:30 in Seoul (UTC+9), both on the same UTC day.
    const groups = groupByDay([event(2, '2026-11-29T15:00:30Z'), event(1, '2026-11-29T14:59:30Z')]);
    expect(groups.map((g) => [g.key, g.events.map((e) => e.id)])).toEqual([
      ['2026-11-30', [2]],
      ['2026-11-29', [1]],
    ]);
  });

  it('knows yesterday and the next midnight across a DST change (23 h and 25 h days)', () => {
    process.env.TZ = 'America/New_York';
    // 2026-03-08 has 23 hours there, 2026-11-01 has 25.
    const springNoon = Date.parse('2026-03-08T16:00:00Z');
    expect(dayKey(springNoon)).toBe('2026-03-08');
    expect(yesterdayKey(Date.parse('2026-03-09T04:30:00Z'))).toBe('2026-03-08'); // 00:30 on the 9th
    expect(msToMidnight(Date.parse('2026-03-08T05:00:00Z'))).toBe(23 * 3_600_000); // from 00:00 on the 8th
    expect(msToMidnight(Date.parse('2026-11-01T04:00:00Z'))).toBe(25 * 3_600_000); // from 00:00 on the 1st
    const fallBack = groupByDay([event(2, '2026-11-02T04:30:00Z'), event(1, '2026-11-02T03:30:00Z')]);
    // 23:30 on Nov 1 (EST) and 22:30 on Nov 1: same local day although 25 h long.
    expect(fallBack.map((g) => g.key)).toEqual(['2026-11-01']);
  });
});
