import { describe, expect, it } from 'vitest';
import type { Frame } from '../frames/frame';
import { PreRollRing } from './pre-roll-ring';

const frame = (seq: number, ts: number): Frame => ({
  seq,
  ts,
  jpeg: Buffer.alloc(1000, seq),
  width: 160,
  height: 120,
  gray: new Uint8Array(160 * 120),
});

describe('PreRollRing', () => {
  it('keeps each frame’s JPEG and capture time, not its gray copy', () => {
    const ring = new PreRollRing(1);
    const frames = [frame(1, 0), frame(2, 33)];
    for (const f of frames) ring.push(f);
    const held = ring.since(0);
    expect(held.map((f) => [f.seq, f.ts, f.jpeg])).toEqual(frames.map((f) => [f.seq, f.ts, f.jpeg]));
    expect(held.every((f) => f.gray === null && f.jpeg === frames[f.seq - 1].jpeg)).toBe(true);
  });

  it('holds only the last `seconds` of frames, through many compactions', () => {
    const ring = new PreRollRing(1);
    for (let i = 0; i < 300; i++) ring.push(frame(i, i * 100));
    expect(ring.length).toBe(11); // 28 900 … 29 900 ms: 1 s back from the newest, inclusive
    expect(ring.bytes).toBe(11_000);
    expect(ring.since(0)[0].ts).toBe(28_900);
  });

  it('is empty after clear()', () => {
    const ring = new PreRollRing(5);
    for (let i = 0; i < 10; i++) ring.push(frame(i, i * 100));
    ring.clear();
    expect([ring.length, ring.bytes, ring.since(0)]).toEqual([0, 0, []]);
    expect(ring.nearest(500)).toBeNull();
  });
});
