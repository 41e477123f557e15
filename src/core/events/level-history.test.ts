import { describe, expect, it } from 'vitest';
import { LevelHistory } from './level-history';

const level = (ts: number, change = 1) => ({ camera: 'camera', ts, change, active: false });

describe('LevelHistory', () => {
  it('returns the samples of the last N seconds, oldest first', () => {
    const history = new LevelHistory(100);
    for (let ts = 0; ts < 50; ts++) history.push(level(ts));
    expect(history.since(10).map((l) => l.ts)).toEqual([39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
  });

  it('keeps only its capacity, overwriting the oldest', () => {
    const history = new LevelHistory(5);
    for (let ts = 0; ts < 12; ts++) history.push(level(ts));
    expect(history.since(1000).map((l) => l.ts)).toEqual([7, 8, 9, 10, 11]);
  });

  it('is empty before the first sample', () => {
    expect(new LevelHistory(3).since(60)).toEqual([]);
  });
});
