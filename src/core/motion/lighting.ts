import * as tf from '@tensorflow/tfjs-core';

/** How the light changed from the background to the frame: frame ≈ gain × background + offset. */
export interface Lighting {
  gain: number;
  offset: number;
}

export const unchanged: Lighting = { gain: 1, offset: 0 };

/** Side of the square blocks that vote on the lighting: about 20 blocks across the frame. */
export function lightingBlockSize(width: number): number {
  return Math.max(2, Math.round(width / 20));
}

/** 1 for each block (row-major, as avgPool 'valid' lays them out) that lies wholly outside the masks. */
export function votingBlocks(keep: Float32Array, width: number, height: number, block: number): Uint8Array {
  const across = Math.floor(width / block);
  const down = Math.floor(height / block);
  const votes = new Uint8Array(across * down).fill(1);
  for (let row = 0; row < down * block; row++) {
    for (let col = 0; col < across * block; col++) {
      if (keep[row * width + col] === 0)
        votes[Math.floor(row / block) * across + Math.floor(col / block)] = 0;
    }
  }
  return votes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Fits frame ≈ gain × background + offset through per-block mean brightness pairs with a resistant
 * (median-based) line: light and exposure move every block alike, while a moving object changes only
 * the few blocks it covers, which the medians ignore. Flat scenes get an offset only.
 */
export function fitLighting(
  background: ArrayLike<number>,
  frame: ArrayLike<number>,
  votes: Uint8Array,
): Lighting {
  const pairs: [number, number][] = [];
  for (let i = 0; i < votes.length; i++) if (votes[i] === 1) pairs.push([background[i], frame[i]]);
  if (pairs.length < 3) return unchanged;
  pairs.sort((p, q) => p[0] - q[0]);
  const third = Math.floor(pairs.length / 3);
  const low = pairs.slice(0, third);
  const high = pairs.slice(pairs.length - third);
  const spread = median(high.map((p) => p[0])) - median(low.map((p) => p[0]));
  let gain = 1;
  // Below ~10 gray levels of spread the slope is mostly noise.
  if (spread >= 10) gain = (median(high.map((p) => p[1])) - median(low.map((p) => p[1]))) / spread;
  gain = Math.min(4, Math.max(0.25, gain));
  return { gain, offset: median(pairs.map(([b, f]) => f - gain * b)) };
}

/** Per-block mean brightness of background and frame (float32 [h, w]), downloaded as one small vector. */
export function blockMeans(
  background: tf.Tensor2D,
  frame: tf.Tensor2D,
  block: number,
): [Float32Array, Float32Array] {
  const [height, width] = frame.shape;
  const means = tf.tidy(() =>
    tf.avgPool(
      tf.reshape(tf.stack([background, frame]), [2, height, width, 1]) as tf.Tensor4D,
      block,
      block,
      'valid',
    ),
  );
  const values = means.dataSync() as Float32Array;
  means.dispose();
  const n = values.length / 2;
  return [values.subarray(0, n), values.subarray(n)];
}
