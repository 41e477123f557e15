import * as tf from '@tensorflow/tfjs-core';
import { COMPARE_KERNEL, type CompareAttrs } from './compare-kernel';
import type { Lighting } from './lighting';

/**
 * Frames a pixel may differ from the background before it is blended in again. A running average that
 * absorbs an object while it passes leaves a ghost where it was (the box then trails the subject, and the
 * event outlasts it); held pixels are not blended, so a walker leaves none. Something that stops is
 * blended in at the full rate after this many frames (1 s at 30 fps): absorbed about a second later than a
 * plain running average would.
 */
export const HOLD_FRAMES = 30;

export interface Background {
  /** Blurred float32 [h, w] at analysis size. */
  image: tf.Tensor2D;
  /** Its block means (lighting fit), row-major. */
  means: Float32Array;
  /** float32 [h, w]: frames each pixel has differed from it in a row (0 where it does not); null = all 0. */
  age: tf.Tensor2D | null;
}

/** What the comparison needs besides the frame and the background. */
export interface CompareParams {
  /** float32 [h, w]: `noiseLevel` where pixels are analysed, +Infinity inside a mask. */
  threshold: tf.Tensor2D;
  noiseLevel: number;
  backgroundRate: number;
  /** Side of the lighting blocks. */
  block: number;
}

/** The largest difference relighting makes to a background pixel (0..255): max |(gain - 1)·b + offset|. */
const relightReach = ({ gain, offset }: Lighting) =>
  Math.max(Math.abs(offset), Math.abs(255 * (gain - 1) + offset));

/** Mean of each `block`×`block` block of a [h, w] image, row-major, as a vector. Runs inside tf.tidy. */
export function poolBlocks(image: tf.Tensor2D, block: number): tf.Tensor {
  const [height, width] = image.shape;
  const pooled = tf.avgPool(tf.reshape(image, [1, height, width, 1]) as tf.Tensor4D, block, block, 'valid');
  return tf.reshape(pooled, [-1]);
}

/**
 * Compares the frame with the background brought to its light, and makes the next background, holding
 * out pixels that have differed for fewer than HOLD_FRAMES frames. `weight` is how many frames this
 * analysis stands for. One fused kernel (`compare-kernel.ts`).
 *
 * One download: [changed pixels per row..., per column..., the next background's block means...,
 * changed pixels before the lighting fit (decides lighting changes; only when the fit moved some pixel by
 * half the noise level or more, else the count after it stands in)]; the next background and its ages,
 * not yet adopted.
 */
export function compareWithBackground(
  current: tf.Tensor2D,
  background: Background,
  light: Lighting,
  weight: number,
  { threshold, noiseLevel, backgroundRate, block }: CompareParams,
): [Float32Array, tf.Tensor2D, tf.Tensor2D] {
  const inputs: tf.NamedTensorMap = { current, image: background.image, threshold };
  if (background.age) inputs.age = background.age;
  const attrs: CompareAttrs = {
    gain: light.gain,
    offset: light.offset,
    weight,
    rate: 1 - (1 - backgroundRate) ** weight,
    block,
    hold: HOLD_FRAMES,
    countPreFit: relightReach(light) >= noiseLevel / 2,
  };
  const [next, age, profile] = tf
    .engine()
    .runKernel(COMPARE_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  const sums = profile.dataSync() as Float32Array;
  profile.dispose();
  return [sums, next as tf.Tensor2D, age as tf.Tensor2D];
}
