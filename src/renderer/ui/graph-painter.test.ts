import { describe, expect, it } from 'vitest';
import type { MotionLevel } from '../../shared/events';
import { type GraphScene, graphLook } from './graph-painter';

/** A minute of samples 5 a second up to `now`; `change(ts)` gives each one's level. */
function scene(now: number, change: (ts: number) => number = () => 0): GraphScene {
  const samples: MotionLevel[] = [];
  for (let ts = now - 60; ts <= now; ts += 0.2)
    samples.push({ camera: 'c', ts, change: change(ts), active: false, box: null });
  return { samples, now, window: 60, threshold: 2, gaps: [], gapLabel: 'offline' };
}

describe('graphLook', () => {
  it('stays the same while a still scene scrolls: its flat line paints the same pixels', () => {
    const looks = new Set([1000, 1000.2, 1000.4, 1001, 1010].map((now) => graphLook(scene(now), 300, 80)));
    expect(looks.size).toBe(1);
  });

  it('changes as soon as anything visible moves: a bump of motion scrolling, the threshold, a gap, the size', () => {
    const bump = (ts: number) => (ts > 990 && ts < 992 ? 5 : 0);
    expect(graphLook(scene(1000, bump), 300, 80)).not.toBe(graphLook(scene(1000.2, bump), 300, 80));
    // The scale keeps the threshold at 60 % of the height, so it moves on the canvas only beside a higher peak.
    const moving = scene(1000, bump);
    expect(graphLook({ ...moving, threshold: 3 }, 300, 80)).not.toBe(graphLook(moving, 300, 80));
    const still = scene(1000);
    const gap = { ...still, gaps: [{ from: 970, to: 980 }] };
    expect(graphLook(gap, 300, 80)).not.toBe(graphLook(still, 300, 80));
    expect(graphLook(gap, 300, 80)).not.toBe(graphLook({ ...gap, now: 1000.4 }, 300, 80));
    expect(graphLook(still, 300, 80)).not.toBe(graphLook(still, 320, 80));
  });

  it('changes when an event span is open, even on a flat line', () => {
    const still = scene(1000);
    const active = { ...still, samples: still.samples.map((s, i) => (i > 250 ? { ...s, active: true } : s)) };
    expect(graphLook(active, 300, 80)).not.toBe(graphLook(still, 300, 80));
  });
});
