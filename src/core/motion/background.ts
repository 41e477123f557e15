import * as tf from '@tensorflow/tfjs-core';
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
 * analysis stands for.
 *
 * One download: [changed pixels per row..., per column..., the next background's block means...,
 * changed pixels before the lighting fit (decides lighting changes; only when the fit moved some pixel by
 * half the noise level or more, else the count after it stands in)]; and the next background, not yet adopted.
 */
export function compareWithBackground(
  current: tf.Tensor2D,
  background: Background,
  light: Lighting,
  weight: number,
  { threshold, noiseLevel, backgroundRate, block }: CompareParams,
): [Float32Array, tf.Tensor2D, tf.Tensor2D] {
  const rate = 1 - (1 - backgroundRate) ** weight;
  const [profile, blended, age] = tf.tidy((): [tf.Tensor, tf.Tensor2D, tf.Tensor2D] => {
    const over = (diff: tf.Tensor) => tf.cast(tf.greater(tf.abs(diff), threshold), 'float32');
    let relit: tf.Tensor = background.image;
    if (light.gain !== 1 || light.offset !== 0) {
      relit = tf.add(tf.mul(background.image, light.gain), light.offset);
      // Relit values stay in 0..255 unless the offset is negative or the top end passes 255.
      if (light.offset < 0 || 255 * light.gain + light.offset > 255) relit = tf.clipByValue(relit, 0, 255);
    }
    const diff = tf.sub(current, relit);
    const changed = over(diff);
    const age = tf.mul(background.age ? tf.add(background.age, weight) : weight, changed) as tf.Tensor2D;
    // Blended in: pixels that match the background, and those that have differed for HOLD_FRAMES.
    const free = tf.add(tf.sub(1, changed), tf.cast(tf.greater(age, HOLD_FRAMES), 'float32'));
    const next = tf.add(relit, tf.mul(tf.mul(diff, free), rate)) as tf.Tensor2D;
    const parts = [tf.sum(changed, 1), tf.sum(changed, 0), poolBlocks(next, block)];
    if (relightReach(light) >= noiseLevel / 2)
      parts.push(tf.reshape(tf.sum(over(tf.sub(current, background.image))), [1]));
    return [tf.concat(parts), next, age];
  });
  const sums = profile.dataSync() as Float32Array;
  profile.dispose();
  return [sums, blended, age];
}
