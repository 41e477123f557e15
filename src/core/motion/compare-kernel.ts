import type * as tf from '@tensorflow/tfjs-core';
import { kernelPixels, registerOnAllBackends } from './kernel-pixels';

/** The registered name of the fused frame-against-background kernel. */
export const COMPARE_KERNEL = 'MotionKioskCompare';

/** Scalars of one comparison (see `compareWithBackground` for what each does). */
export interface CompareAttrs {
  gain: number;
  offset: number;
  /** Frames this analysis stands for: added to the age of pixels that differ. */
  weight: number;
  /** Share of the difference blended into the next background (0..1). */
  rate: number;
  /** Side of the lighting blocks whose means of the next background are reported. */
  block: number;
  /** Frames a pixel may differ before it is blended in again. */
  hold: number;
  /** Also count pixels that differ from the background before relighting (lightswitch rule). */
  countPreFit: boolean;
}

/**
 * Changed pixels per row and column, the next background's block means, and the count before
 * relighting when asked; writes the next background and the pixels' ages (0 where they match).
 *
 * One pass, touching four arrays per pixel: every typed-array access costs V8 a map, detach and bounds
 * check (the wasm backend's growing memory voids the shortcut), about as much as the arithmetic. So the
 * ages are zeroed natively and written only where pixels differ, and the block means are summed from the
 * values as they are written (in the order, and float32 rounding, of `blockMeansOf`).
 */
function comparePixels(
  [c, b, t, a]: (Float32Array | null)[],
  [next, nextAge]: Float32Array[],
  [height, width]: number[],
  { gain, offset, weight, rate, block, hold, countPreFit }: CompareAttrs,
): Float32Array {
  if (!c || !b || !t) throw new Error(`${COMPARE_KERNEL} needs current, image and threshold`);
  const across = Math.floor(width / block);
  const down = Math.floor(height / block);
  const meansAt = height + width;
  const profile = new Float32Array(meansAt + across * down + (countPreFit ? 1 : 0));
  const clip = offset < 0 || 255 * gain + offset > 255;
  nextAge.fill(0);
  for (let y = 0, i = 0; y < height; y++) {
    const rowStart = i;
    const blockRow = y < down * block ? meansAt + Math.floor(y / block) * across : -1;
    let row = 0;
    for (let x = 0, bx = 0; x < width; x += block, bx++) {
      let sum = 0;
      for (const end = rowStart + Math.min(x + block, width); i < end; i++) {
        let relit = b[i] * gain + offset;
        if (clip) relit = Math.min(255, Math.max(0, relit));
        const diff = c[i] - relit;
        let value = relit + diff * rate;
        if (Math.abs(diff) > t[i]) {
          row++;
          profile[height + i - rowStart]++;
          const older = (a === null ? 0 : a[i]) + weight;
          nextAge[i] = older;
          if (!(older > hold)) value = relit;
        }
        next[i] = value;
        sum += Math.fround(value);
      }
      if (blockRow >= 0 && bx < across) profile[blockRow + bx] += sum;
    }
    profile[y] = row;
  }
  for (let k = meansAt; k < meansAt + across * down; k++) profile[k] /= block * block;
  if (countPreFit) {
    // Rarely asked for (only when the lighting moved pixels), so a second pass rather than a test per pixel.
    let preFit = 0;
    for (let i = 0; i < c.length; i++) if (Math.abs(c[i] - b[i]) > t[i]) preFit++;
    profile[profile.length - 1] = preFit;
  }
  return profile;
}

/**
 * Inputs `current`, `image` (the background), `threshold`, optional `age`; outputs the next background,
 * its ages, and the profile. One pass over the pixels instead of ~20 tensor ops: at 160×120 tfjs's
 * bookkeeping per op (kernel lookup, tensor records, scopes) cost more than the arithmetic, and no
 * backend has a fused op for this. Inputs and outputs stay tfjs tensors, tracked by `tf.tidy`.
 */
const compare: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { current, image, threshold, age } = inputs as Record<string, tf.TensorInfo | undefined>;
  const shape = current?.shape ?? [];
  const pixels = kernelPixels(backend, [current, image, threshold, age], [shape, shape]);
  const profile = comparePixels(pixels.inputs, pixels.outputs, shape, attrs as unknown as CompareAttrs);
  return pixels.finish(profile);
};

registerOnAllBackends(COMPARE_KERNEL, compare);
