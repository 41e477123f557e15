import { describe, expect, it } from 'vitest';
import type { MotionLevel } from '../../shared/events';
import { isStillChange } from './level-history';
import { LevelPacer } from './level-pacer';

const threshold = 2;
const pacer = () => new LevelPacer((level) => isStillChange(level.change, threshold));
const level = (ts: number, change: number, active = false, camera = 'camera'): MotionLevel => ({
  camera,
  ts,
  change,
  active,
});

/** Feeds `changes` at 5 a second from `from` and returns what was sent, as [ts, change]. */
function feed(p: LevelPacer, changes: number[], from = 0, active = false): [number, number][] {
  const sent: [number, number][] = [];
  changes.forEach((change, i) => {
    const out = p.next(level(from + i / 5, change, active));
    if (out) sent.push([out.ts, out.change]);
  });
  return sent;
}

describe('LevelPacer', () => {
  it('sends a still scene once a second, with the highest change of that second', () => {
    const p = pacer();
    const sent = feed(p, [0.1, 0.2, 0.9, 0.3, 0.1, 0.1, 0.4, 0.2, 0.1, 0.1, 0.2]);
    expect(sent).toEqual([
      [0, 0.1],
      [1, 0.9],
      [2, 0.4],
    ]);
  });

  it('sends every sample while the scene moves, and the first still one after it at once', () => {
    const p = pacer();
    expect(feed(p, [0, 1.5, 3, 2.5, 0.2, 0.1])).toEqual([
      [0, 0],
      [0.2, 1.5],
      [0.4, 3],
      [0.6, 2.5],
      [0.8, 0.2],
    ]);
  });

  it('sends a change of `active` at once, still or not', () => {
    const p = pacer();
    expect(p.next(level(0, 0.1, true))).not.toBeNull();
    expect(p.next(level(0.2, 0.1, true))).toBeNull();
    expect(p.next(level(0.4, 0.1, false))?.active).toBe(false);
  });

  it('paces each camera on its own', () => {
    const p = pacer();
    expect(p.next(level(0, 0.1, false, 'a'))).not.toBeNull();
    expect(p.next(level(0, 0.1, false, 'b'))).not.toBeNull();
    expect(p.next(level(0.2, 0.1, false, 'a'))).toBeNull();
    expect(p.next(level(0.2, 3, false, 'b'))).not.toBeNull();
  });
});
