import * as tf from '@tensorflow/tfjs-core';
import { kernelPixels, registerOnAllBackends } from './kernel-pixels';

/** The registered name of the box blur kernel. */
export const BLUR_KERNEL = 'MotionKioskBlur';

/**
 * What turns a sum of `count` pixels into their mean. Rounded to float32 as the wasm backend's avgPool
 * rounds its multiplier: on whole gray levels the sums are exact, so the means come out bit for bit alike.
 */
const scaleOf = (count: number) => Math.fround(1 / count);

/**
 * Radius 1 (the default), at least two columns: each pixel's column of up to three rows is summed once and
 * carried along the row in locals, so a pixel costs three reads and a write. A missing row above or below
 * is read from the pixel's own row and weighted 0, which keeps the inner loop free of tests.
 */
function blur3(src: Float32Array, dst: Float32Array, height: number, width: number): void {
  for (let y = 0, i = 0; y < height; y++, i += width) {
    const up = y > 0 ? 1 : 0;
    const down = y < height - 1 ? 1 : 0;
    const above = i - up * width;
    const below = i + down * width;
    const edge = scaleOf((1 + up + down) * 2);
    const inner = scaleOf((1 + up + down) * 3);
    let left = src[above] * up + src[i] + src[below] * down;
    let middle = src[above + 1] * up + src[i + 1] + src[below + 1] * down;
    dst[i] = (left + middle) * edge;
    for (let x = 1; x < width - 1; x++) {
      const right = src[above + x + 1] * up + src[i + x + 1] + src[below + x + 1] * down;
      dst[i + x] = (left + middle + right) * inner;
      left = middle;
      middle = right;
    }
    dst[i + width - 1] = (left + middle) * edge;
  }
}

/** Sums down the columns over the rows in reach, kept between frames. */
let columns = new Float64Array(0);

/**
 * Any radius: running sums down the columns (a row enters below, one leaves above), then a running sum
 * along them, so the cost does not grow with the radius as avgPool's does.
 */
function blurAny(src: Float32Array, dst: Float32Array, height: number, width: number, radius: number): void {
  if (columns.length < width) columns = new Float64Array(width);
  const sums = columns.fill(0, 0, width);
  for (let y = 0; y < radius && y < height; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) sums[x] += src[i];
  }
  for (let y = 0, i = 0; y < height; y++, i += width) {
    if (y + radius < height) {
      for (let x = 0, j = (y + radius) * width; x < width; x++, j++) sums[x] += src[j];
    }
    if (y > radius) {
      for (let x = 0, j = (y - radius - 1) * width; x < width; x++, j++) sums[x] -= src[j];
    }
    const rows = Math.min(height - 1, y + radius) - Math.max(0, y - radius) + 1;
    let sum = 0;
    for (let x = 0; x < radius && x < width; x++) sum += sums[x];
    for (let x = 0; x < width; x++) {
      if (x + radius < width) sum += sums[x + radius];
      const count = rows * (Math.min(width - 1, x + radius) - Math.max(0, x - radius) + 1);
      dst[i + x] = sum * scaleOf(count);
      if (x >= radius) sum -= sums[x - radius];
    }
  }
}

/**
 * Input `image` float32 [h, w], attr `radius`; output the mean of each pixel's (2·radius+1)² neighbourhood
 * counting only the pixels inside the picture: what `tf.avgPool(image, 2·radius+1, 1, 'same')` gives.
 * Replaces avgPool, whose general pooling operator cost more than summing nine pixels in JavaScript.
 */
const blur: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { image } = inputs as Record<string, tf.TensorInfo | undefined>;
  if (!image) throw new Error(`${BLUR_KERNEL} needs an image`);
  const [height, width] = image.shape;
  const radius = attrs?.radius as number;
  const pixels = kernelPixels(backend, [image], [image.shape]);
  const [src, dst] = [pixels.inputs[0] as Float32Array, pixels.outputs[0]];
  if (radius === 1 && width > 1) blur3(src, dst, height, width);
  else blurAny(src, dst, height, width, radius);
  return pixels.finish()[0];
};

registerOnAllBackends(BLUR_KERNEL, blur);

/** `image` blurred by a box of side 2·radius+1 (edges: the mean of the pixels inside the picture). */
export function boxBlur(image: tf.Tensor2D, radius: number): tf.Tensor2D {
  return tf.engine().runKernel(BLUR_KERNEL, { image }, { radius }) as tf.Tensor2D;
}
