import { describe, expect, it } from 'vitest';
import { fitLighting, votingBlocks } from './lighting';

const levels = Array.from({ length: 60 }, (_, i) => 30 + ((i * 37) % 180));
const all = new Uint8Array(levels.length).fill(1);

describe('fitLighting', () => {
  it('recovers gain and offset from block means', () => {
    const fit = fitLighting(
      levels,
      levels.map((v) => 1.4 * v - 12),
      all,
    );
    expect(fit.gain).toBeCloseTo(1.4, 5);
    expect(fit.offset).toBeCloseTo(-12, 5);
  });

  it('ignores the blocks a moving object covers', () => {
    const frame = levels.map((v, i) => (i % 6 === 0 ? 10 : 0.8 * v));
    const fit = fitLighting(levels, frame, all);
    expect(fit.gain).toBeCloseTo(0.8, 1);
    expect(Math.abs(fit.offset)).toBeLessThan(3);
  });

  it('fits only an offset on a flat scene', () => {
    const flat = levels.map(() => 100);
    expect(
      fitLighting(
        flat,
        flat.map((v) => v + 30),
        all,
      ),
    ).toEqual({ gain: 1, offset: 30 });
  });

  it('lets only voting blocks vote', () => {
    const frame = levels.map((v, i) => (i < 30 ? v + 200 : v));
    const votes = all.map((_, i) => (i < 30 ? 0 : 1));
    expect(fitLighting(levels, frame, votes)).toEqual({ gain: 1, offset: 0 });
  });
});

describe('votingBlocks', () => {
  it('drops every block that touches a masked pixel', () => {
    const keep = new Float32Array(8 * 4).fill(1);
    keep[5] = 0; // row 0, column 5: block 1 of 4x2 blocks
    expect([...votingBlocks(keep, 8, 4, 2)]).toEqual([1, 1, 0, 1, 1, 1, 1, 1]);
  });
});
