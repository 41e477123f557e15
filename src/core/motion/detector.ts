import * as tf from '@tensorflow/tfjs-core';
import type { Settings } from '../../shared/settings';
import { blockMeans, fitLighting, type Lighting, lightingBlockSize, votingBlocks } from './lighting';
import { rasteriseMasks } from './mask';
import type { FrameAnalysis } from './types';

const still: FrameAnalysis = { change: 0, box: null, lightswitch: false };

/** First non-zero index and one past the last, of a vector that has one. */
function extent(v: Float32Array): [number, number] {
  let first = 0;
  while (v[first] === 0) first++;
  let end = v.length;
  while (v[end - 1] === 0) end--;
  return [first, end];
}

/**
 * Frame differencing on tfjs tensors: blur the gray frame, compare it with a running-average
 * background brought to the frame's light (a fitted global gain and offset), count pixels whose
 * difference exceeds `noiseLevel` outside the masks, and report that share as `change` (percent) with
 * the box around them. A frame where more than `lightswitchPercent` changed before the lighting fit is a
 * lighting change: the background re-learns from it at once. Every tensor is freed per frame.
 */
export class MotionDetector {
  #settings: Settings;
  /** Blurred float32 [h, w] background at analysis size; null until the first frame. */
  #background: tf.Tensor2D | null = null;
  /** float32 [h, w]: 1 where pixels are analysed, 0 inside a mask. */
  #mask: tf.Tensor2D | null = null;
  #analysedPixels = 0;
  /** Side of the blocks whose mean brightness fits the lighting change. */
  #block = 8;
  /** Blocks outside masks, which vote on the lighting change. */
  #votes: Uint8Array = new Uint8Array(0);
  #inputWidth = 0;
  #inputHeight = 0;
  #width = 0;
  #height = 0;

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  analyse(gray: Uint8Array, width: number, height: number): FrameAnalysis {
    if (gray.length !== width * height) {
      throw new Error(`gray frame has ${gray.length} bytes, expected ${width}x${height}`);
    }
    if (width !== this.#inputWidth || height !== this.#inputHeight) this.#resize(width, height);
    const current = tf.tidy(() => this.#prepare(gray, width, height));
    const background = this.#background;
    const mask = this.#mask;
    if (!background || !mask) {
      this.#background = current;
      return still;
    }
    // Compare with the background as it would look in the frame's light (lights dimmed, exposure changed).
    const light = fitLighting(...blockMeans(background, current, this.#block), this.#votes);
    const [sums, blended] = this.#compare(current, background, mask, light);
    background.dispose();
    const percent = (n: number) => (this.#analysedPixels > 0 ? (n / this.#analysedPixels) * 100 : 0);
    const rawChange = percent(sums[0]);
    const rows = sums.subarray(1, 1 + this.#height);
    const cols = sums.subarray(1 + this.#height);
    const { lightswitchPercent } = this.#settings;
    const lightswitch = lightswitchPercent > 0 && rawChange > lightswitchPercent;
    // A lighting change re-learns at once; otherwise the background moves `backgroundRate` towards the frame.
    const [keep, drop] = lightswitch ? [current, blended] : [blended, current];
    this.#background = keep;
    drop.dispose();
    if (lightswitch) return { change: rawChange, box: null, lightswitch };
    const count = rows.reduce((total, v) => total + v, 0);
    if (count === 0) return still;
    const change = percent(count);
    const [top, bottom] = extent(rows);
    const [left, right] = extent(cols);
    const box = {
      x: left / this.#width,
      y: top / this.#height,
      w: (right - left) / this.#width,
      h: (bottom - top) / this.#height,
    };
    return { change, box, lightswitch: false };
  }

  /** Forget the background, so the next frame becomes it (e.g. after a camera exposure jump). */
  relearn(): void {
    this.#background?.dispose();
    this.#background = null;
  }

  updateSettings(settings: Settings): void {
    const before = this.#settings;
    this.#settings = settings;
    const layoutChanged =
      before.analysisWidth !== settings.analysisWidth ||
      before.blurRadius !== settings.blurRadius ||
      JSON.stringify(before.masks) !== JSON.stringify(settings.masks);
    if (layoutChanged) this.#resize(this.#inputWidth, this.#inputHeight);
  }

  dispose(): void {
    this.relearn();
    this.#mask?.dispose();
    this.#mask = null;
    this.#inputWidth = 0;
    this.#inputHeight = 0;
  }

  /** New input size or layout settings: analysis size, mask and background all start over. */
  #resize(width: number, height: number): void {
    this.dispose();
    if (width === 0 || height === 0) return;
    this.#inputWidth = width;
    this.#inputHeight = height;
    this.#width = Math.min(width, this.#settings.analysisWidth);
    this.#height = Math.max(1, Math.round((height * this.#width) / width));
    const keep = rasteriseMasks(this.#settings.masks, this.#width, this.#height);
    this.#analysedPixels = keep.reduce((sum, v) => sum + v, 0);
    this.#block = lightingBlockSize(this.#width);
    this.#votes = votingBlocks(keep, this.#width, this.#height, this.#block);
    this.#mask = tf.tensor2d(keep, [this.#height, this.#width]);
  }

  /**
   * Changed-pixel counts, downloaded as one small vector: [before the lighting fit (decides lighting
   * changes), changed pixels per row..., per column...]; and the next background, not yet adopted.
   */
  #compare(
    current: tf.Tensor2D,
    background: tf.Tensor2D,
    mask: tf.Tensor2D,
    light: Lighting,
  ): [Float32Array, tf.Tensor2D] {
    const { noiseLevel, backgroundRate } = this.#settings;
    const [profile, blended] = tf.tidy((): [tf.Tensor, tf.Tensor2D] => {
      const over = (diff: tf.Tensor) =>
        tf.mul(tf.cast(tf.greater(tf.abs(diff), noiseLevel), 'float32'), mask);
      const relit = tf.clipByValue(tf.add(tf.mul(background, light.gain), light.offset), 0, 255);
      const diff = tf.sub(current, relit);
      const changed = over(diff);
      const raw = tf.reshape(tf.sum(over(tf.sub(current, background))), [1]);
      return [
        tf.concat([raw, tf.sum(changed, 1), tf.sum(changed, 0)]),
        tf.add(relit, tf.mul(diff, backgroundRate)) as tf.Tensor2D,
      ];
    });
    const sums = profile.dataSync() as Float32Array;
    profile.dispose();
    return [sums, blended];
  }

  /** Gray bytes → float32 [h, w] at analysis size, blurred. Runs inside tf.tidy. */
  #prepare(gray: Uint8Array, width: number, height: number): tf.Tensor2D {
    let image: tf.Tensor4D = tf.tensor4d(gray, [1, height, width, 1], 'float32');
    if (width !== this.#width) image = tf.image.resizeBilinear(image, [this.#height, this.#width]);
    const radius = this.#settings.blurRadius;
    if (radius > 0) image = tf.avgPool(image, 2 * radius + 1, 1, 'same');
    return tf.reshape(image, [this.#height, this.#width]);
  }
}
