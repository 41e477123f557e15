import { describe, expect, it } from 'vitest';
import { fitLighting, type Lighting, votingBlocks } from './lighting';

/** The fit as it was first written (comparator sort of the blocks, sorted copies for the medians). */
function sortedFit(background: number[], frame: number[], votes: Uint8Array): Lighting {
  const order = background.map((_, i) => i).filter((i) => votes[i] === 1);
  const n = order.length;
  if (n < 3) return { gain: 1, offset: 0 };
  order.sort((p, q) => background[p] - background[q]);
  const third = Math.floor(n / 3);
  const median = (xs: number[]) => Float64Array.from(xs).sort()[Math.floor(xs.length / 2)];
  const bg = order.map((i) => background[i]);
  const fr = order.map((i) => frame[i]);
  const spread = median(bg.slice(n - third)) - median(bg.slice(0, third));
  let gain = 1;
  if (spread >= 10) gain = (median(fr.slice(n - third)) - median(fr.slice(0, third))) / spread;
  gain = Math.min(4, Math.max(0.25, gain));
  return { gain, offset: median(fr.map((f, k) => f - gain * bg[k])) };
}

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

  it('gives what sorting gave, ties at the thirds included', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + Math.floor(random() * 40);
      // Few distinct levels, so that many blocks tie at the edges of the thirds.
      const background = Array.from({ length: n }, () => Math.floor(random() * 5) * 15);
      const frame = background.map((v) => v * (0.6 + random()) + Math.floor(random() * 9) - 4);
      const votes = Uint8Array.from({ length: n }, () => (random() < 0.8 ? 1 : 0));
      expect(fitLighting(background, frame, votes)).toEqual(sortedFit(background, frame, votes));
    }
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
