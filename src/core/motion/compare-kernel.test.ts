import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { type Backend, selectBackend } from './backend';
import { compareWithBackground, HOLD_FRAMES } from './background';

const width = 40;
const height = 24;

/** The comparison as plain tfjs ops: what the fused kernel must reproduce. */
function reference(
  current: tf.Tensor2D,
  image: tf.Tensor2D,
  age: tf.Tensor2D | null,
  threshold: tf.Tensor2D,
  gain: number,
  offset: number,
  weight: number,
  rate: number,
  block: number,
): { sums: number[]; next: number[]; age: number[]; preFit: number } {
  return tf.tidy(() => {
    const over = (diff: tf.Tensor) => tf.cast(tf.greater(tf.abs(diff), threshold), 'float32');
    const relit = tf.clipByValue(tf.add(tf.mul(image, gain), offset), 0, 255);
    const diff = tf.sub(current, relit);
    const changed = over(diff);
    const older = tf.mul(age ? tf.add(age, weight) : weight, changed);
    const free = tf.add(tf.sub(1, changed), tf.cast(tf.greater(older, HOLD_FRAMES), 'float32'));
    const next = tf.add(relit, tf.mul(tf.mul(diff, free), rate)) as tf.Tensor2D;
    const pooled = tf.avgPool(tf.reshape(next, [1, height, width, 1]) as tf.Tensor4D, block, block, 'valid');
    const sums = tf.concat([tf.sum(changed, 1), tf.sum(changed, 0), tf.reshape(pooled, [-1])]);
    return {
      sums: Array.from(sums.dataSync()),
      next: Array.from(next.dataSync()),
      age: Array.from(older.dataSync()),
      preFit: tf.sum(over(tf.sub(current, image))).dataSync()[0],
    };
  });
}

/** Gray-ish values with a moving square, so some pixels differ by far more than the noise level. */
function picture(seed: number, square: number): Float32Array {
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = 60 + ((i * 37 + seed * 11) % 120) + ((i * seed) % 5);
  for (let y = 6; y < 14; y++) for (let x = square; x < square + 8; x++) values[y * width + x] = 250;
  return values;
}

function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 3);
}

describe.each<Backend>(['wasm', 'cpu'])('the fused comparison on %s', (backend) => {
  it.each([
    { case: 'same light, fresh background', gain: 1, offset: 0, weight: 1, ages: false },
    { case: 'dimmer, clipped at 0, two frames', gain: 0.8, offset: -12, weight: 2, ages: true },
    { case: 'brighter, clipped at 255, held pixels', gain: 1.3, offset: 9, weight: 1, ages: true },
    { case: 'blocks that do not divide the frame', gain: 1.1, offset: 2, weight: 1, ages: true, block: 7 },
  ])('matches the tfjs ops: $case', async ({ gain, offset, weight, ages, block = 4 }) => {
    await selectBackend(undefined, [backend]);
    const before = tf.memory().numTensors;
    const limits = new Float32Array(width * height).fill(6);
    limits.fill(Number.POSITIVE_INFINITY, 0, width * 3); // a masked strip at the top
    const threshold = tf.tensor2d(limits, [height, width]);
    const current = tf.tensor2d(picture(3, 20), [height, width]);
    const image = tf.tensor2d(picture(2, 4), [height, width]);
    // Ages reaching HOLD_FRAMES exactly (held), passing it (blended in) and well below it (held).
    const ageOf = (i: number) => [HOLD_FRAMES - weight, HOLD_FRAMES, i % 7][i % 3];
    const age = ages
      ? tf.tensor2d(
          Float32Array.from({ length: width * height }, (_, i) => ageOf(i)),
          [height, width],
        )
      : null;
    const rate = 1 - (1 - 0.05) ** weight;
    const want = reference(current, image, age, threshold, gain, offset, weight, rate, block);
    const [sums, next, nextAge] = compareWithBackground(
      current,
      { image, age, means: new Float32Array(0) },
      { gain, offset },
      weight,
      { threshold, noiseLevel: 6, backgroundRate: 0.05, block },
    );
    expectClose(sums.subarray(0, want.sums.length), want.sums);
    if (gain === 1 && offset === 0) {
      expect(sums.length).toBe(want.sums.length);
    } else {
      // The lighting moves pixels: the count before the fit rides along (the lightswitch rule).
      expect(sums.length).toBe(want.sums.length + 1);
      expect(sums[sums.length - 1]).toBe(want.preFit);
      expect(want.preFit).toBeGreaterThan(0);
    }
    expectClose(next.dataSync(), want.next);
    expectClose(nextAge.dataSync(), want.age);
    expect(want.sums.slice(0, height).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const t of [next, nextAge, threshold, current, image, age]) t?.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves out the pre-fit count when the lighting moves no pixel by half the noise level', async () => {
    await selectBackend(undefined, [backend]);
    const block = 4;
    const threshold = tf.fill([height, width], 6) as tf.Tensor2D;
    const frame = tf.tensor2d(picture(1, 10), [height, width]);
    const [sums, next, age] = compareWithBackground(
      frame,
      { image: frame, age: null, means: new Float32Array(0) },
      { gain: 1, offset: 1 },
      1,
      { threshold, noiseLevel: 6, backgroundRate: 0.05, block },
    );
    expect(sums.length).toBe(height + width + (height / block) * (width / block));
    expect(sums.subarray(0, height + width).every((v) => v === 0)).toBe(true);
    tf.dispose([threshold, frame, next, age]);
  });
});
