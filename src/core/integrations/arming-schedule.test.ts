import { describe, expect, it } from 'vitest';
import { inSchedule, nextEdge } from './arming-schedule';

// Local times: 2026-11-30 is a Monday (day 1).
const at = (day: number, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(2026, 10, 29 + day, h, m);
};

describe('inSchedule', () => {
  it('is always true without windows', () => {
    expect(inSchedule([], at(3, '03:00'))).toBe(true);
  });

  it('holds from `from` (inclusive) to `to` (exclusive) on the listed days only', () => {
    const weekdays = [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }];
    expect(at(1, '08:00').getDay()).toBe(1);
    expect(inSchedule(weekdays, at(1, '08:00'))).toBe(true);
    expect(inSchedule(weekdays, at(1, '17:59'))).toBe(true);
    expect(inSchedule(weekdays, at(1, '18:00'))).toBe(false);
    expect(inSchedule(weekdays, at(1, '07:59'))).toBe(false);
    expect(inSchedule(weekdays, at(6, '12:00'))).toBe(false);
  });

  it('runs a window past midnight into the next day', () => {
    const fridayNight = [{ days: [5], from: '22:00', to: '06:00' }];
    expect(inSchedule(fridayNight, at(5, '23:30'))).toBe(true);
    expect(inSchedule(fridayNight, at(6, '05:59'))).toBe(true);
    expect(inSchedule(fridayNight, at(6, '06:00'))).toBe(false);
    expect(inSchedule(fridayNight, at(5, '05:00'))).toBe(false);
    expect(inSchedule(fridayNight, at(6, '23:00'))).toBe(false);
  });

  it('takes equal from and to as the whole day', () => {
    expect(inSchedule([{ days: [0], from: '00:00', to: '00:00' }], at(0, '13:00'))).toBe(true);
    expect(inSchedule([{ days: [0], from: '00:00', to: '00:00' }], at(1, '13:00'))).toBe(false);
  });
});

describe('nextEdge', () => {
  it('is null without windows', () => {
    expect(nextEdge([], at(1, '12:00'))).toBeNull();
  });

  it('finds the next start outside a window and the next end inside one, past midnight and weekends', () => {
    const nights = [{ days: [1, 2, 3, 4, 5], from: '22:00', to: '07:00' }];
    // Monday noon: outside, armed from 22:00 the same day.
    expect(nextEdge(nights, at(1, '12:00'))).toEqual(at(1, '22:00'));
    // Monday 23:00: inside until Tuesday 07:00.
    expect(nextEdge(nights, at(1, '23:00'))).toEqual(at(2, '07:00'));
    // Saturday 08:00 (day 6): the next window is Monday 22:00.
    expect(nextEdge(nights, at(6, '08:00'))).toEqual(at(8, '22:00'));
  });

  it('skips an edge where a second window keeps the state', () => {
    const joined = [
      { days: [1], from: '08:00', to: '12:00' },
      { days: [1], from: '12:00', to: '18:00' },
    ];
    expect(nextEdge(joined, at(1, '09:00'))).toEqual(at(1, '18:00'));
  });
});
