import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { type Backend, selectBackend } from './backend';
import { boxBlur } from './blur-kernel';

/** Whole gray levels with edges and a bright square, so every neighbourhood differs. */
function picture(width: number, height: number): Float32Array {
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = (i * 37 + ((i * 7) % 13)) % 256;
  for (let y = 0; y < Math.min(height, 6); y++) values[y * width] = 255;
  return values;
}

describe.each<Backend>(['wasm', 'cpu'])('the box blur on %s', (backend) => {
  it.each([
    { width: 40, height: 24, radius: 1 },
    { width: 2, height: 5, radius: 1 },
    { width: 7, height: 1, radius: 1 },
    { width: 40, height: 24, radius: 2 },
    { width: 33, height: 17, radius: 5 },
    { width: 3, height: 2, radius: 4 },
    { width: 1, height: 1, radius: 1 },
  ])('gives what avgPool "same" gives: $width×$height, radius $radius', async ({ width, height, radius }) => {
    await selectBackend(undefined, [backend]);
    const before = tf.memory().numTensors;
    const image = tf.tensor2d(picture(width, height), [height, width]);
    const side = 2 * radius + 1;
    const want = tf.tidy(() =>
      tf.avgPool(tf.reshape(image, [1, height, width, 1]) as tf.Tensor4D, side, 1, 'same').dataSync(),
    );
    const blurred = boxBlur(image, radius);
    expect(blurred.shape).toEqual([height, width]);
    const got = blurred.dataSync();
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 3);
    // On whole gray levels the wasm backend's avgPool is matched exactly (see scaleOf).
    if (backend === 'wasm') expect(Array.from(got)).toEqual(Array.from(want));
    image.dispose();
    blurred.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
