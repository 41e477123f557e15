import * as tf from '@tensorflow/tfjs-core';
import type { Settings } from '../../shared/settings';
import { blockMeansOf, fitLighting, type Lighting, lightingBlockSize, votingBlocks } from './lighting';
import { rasteriseMasks } from './mask';
import type { FrameAnalysis } from './types';

const still: FrameAnalysis = { change: 0, box: null, lightswitch: false };

/**
 * Frames a pixel may differ from the background before it is blended in again. A running average that
 * absorbs an object while it passes leaves a ghost where it was (the box then trails the subject, and the
 * event outlasts it); held pixels are not blended, so a walker leaves none. Something that stops is
 * blended in at the full rate after this many frames (1 s at 30 fps): absorbed about a second later than a
 * plain running average would.
 */
export const HOLD_FRAMES = 30;

/** First non-zero index and one past the last, of a vector that has one. */
function extent(v: Float32Array): [number, number] {
  let first = 0;
  while (v[first] === 0) first++;
  let end = v.length;
  while (v[end - 1] === 0) end--;
  return [first, end];
}

/** The largest difference relighting makes to a background pixel (0..255): max |(gain - 1)·b + offset|. */
const relightReach = ({ gain, offset }: Lighting) =>
  Math.max(Math.abs(offset), Math.abs(255 * (gain - 1) + offset));

interface Background {
  /** Blurred float32 [h, w] at analysis size. */
  image: tf.Tensor2D;
  /** Its block means (lighting fit), row-major. */
  means: Float32Array;
  /** float32 [h, w]: frames each pixel has differed from it in a row (0 where it does not); null = all 0. */
  age: tf.Tensor2D | null;
}

/**
 * Frame differencing on tfjs tensors: blur the gray frame, compare it with a running-average
 * background brought to the frame's light (a fitted global gain and offset), count pixels whose
 * difference exceeds `noiseLevel` outside the masks, and report that share as `change` (percent) with
 * the box around them. A frame where more than `lightswitchPercent` changed before the lighting fit is a
 * lighting change: the background re-learns from it at once. One download per frame (changed pixels per
 * row and column, and the next background's block means); every tensor is freed per frame.
 */
export class MotionDetector {
  #settings: Settings;
  #background: Background | null = null;
  /** The background before the last analysis, so that `rewind()` can undo it. */
  #previous: Background | null = null;
  /** float32 [h, w]: `noiseLevel` where pixels are analysed, +Infinity inside a mask (never changed). */
  #threshold: tf.Tensor2D | null = null;
  #analysedPixels = 0;
  /** Side of the blocks whose mean brightness fits the lighting change. */
  #block = 8;
  /** Blocks outside masks, which vote on the lighting change. */
  #votes: Uint8Array = new Uint8Array(0);
  #keep: Float32Array = new Float32Array(0);
  #inputWidth = 0;
  #inputHeight = 0;
  #width = 0;
  #height = 0;

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  /**
   * @param weight how many frames this analysis stands for (frames skipped while the scene was still):
   * the background moves as far as that many frames would have moved it. Default 1.
   */
  analyse(gray: Uint8Array, width: number, height: number, weight = 1): FrameAnalysis {
    if (gray.length !== width * height) {
      throw new Error(`gray frame has ${gray.length} bytes, expected ${width}x${height}`);
    }
    if (width !== this.#inputWidth || height !== this.#inputHeight) this.#resize(width, height);
    const current = tf.tidy(() => this.#prepare(gray, width, height));
    const means = this.#meansOf(gray, current);
    this.#dropPrevious();
    const background = this.#background;
    if (!background || !this.#threshold) {
      this.#background = { image: current, means, age: null };
      return still;
    }
    // Compare with the background as it would look in the frame's light (lights dimmed, exposure changed).
    const light = fitLighting(background.means, means, this.#votes);
    const [sums, blended, age] = this.#compare(current, background, light, weight);
    const percent = (n: number) => (this.#analysedPixels > 0 ? (n / this.#analysedPixels) * 100 : 0);
    const rows = sums.subarray(0, this.#height);
    const cols = sums.subarray(this.#height, this.#height + this.#width);
    const blocks = this.#votes.length;
    const count = rows.reduce((total, v) => total + v, 0);
    // Without the pre-fit count (see #compare) the lighting moved no pixel by half the noise level.
    const rawChange = percent(
      sums.length > this.#height + this.#width + blocks ? sums[sums.length - 1] : count,
    );
    const { lightswitchPercent } = this.#settings;
    const lightswitch = lightswitchPercent > 0 && rawChange > lightswitchPercent;
    this.#previous = background;
    if (lightswitch) {
      // A lighting change re-learns at once; otherwise the background moves towards the frame.
      blended.dispose();
      age.dispose();
      this.#background = { image: current, means, age: null };
      return { change: rawChange, box: null, lightswitch };
    }
    current.dispose();
    this.#background = {
      image: blended,
      age,
      means: sums.slice(this.#height + this.#width, this.#height + this.#width + blocks),
    };
    if (count === 0) return still;
    const [top, bottom] = extent(rows);
    const [left, right] = extent(cols);
    const box = {
      x: left / this.#width,
      y: top / this.#height,
      w: (right - left) / this.#width,
      h: (bottom - top) / this.#height,
    };
    return { change: percent(count), box, lightswitch: false };
  }

  /** Undoes the background update of the last analysis (its frame is analysed again, after earlier ones). */
  rewind(): void {
    if (!this.#previous) return;
    this.#disposeBackground(this.#background);
    this.#background = this.#previous;
    this.#previous = null;
  }

  /** Forget the background, so the next frame becomes it (e.g. after a camera exposure jump). */
  relearn(): void {
    this.#dropPrevious();
    this.#disposeBackground(this.#background);
    this.#background = null;
  }

  #disposeBackground(background: Background | null): void {
    background?.image.dispose();
    background?.age?.dispose();
  }

  updateSettings(settings: Settings): void {
    const before = this.#settings;
    this.#settings = settings;
    const layoutChanged =
      before.analysisWidth !== settings.analysisWidth ||
      before.blurRadius !== settings.blurRadius ||
      JSON.stringify(before.masks) !== JSON.stringify(settings.masks);
    if (layoutChanged) this.#resize(this.#inputWidth, this.#inputHeight);
    else if (before.noiseLevel !== settings.noiseLevel && this.#threshold) this.#makeThreshold();
  }

  dispose(): void {
    this.relearn();
    this.#threshold?.dispose();
    this.#threshold = null;
    this.#inputWidth = 0;
    this.#inputHeight = 0;
  }

  #dropPrevious(): void {
    this.#disposeBackground(this.#previous);
    this.#previous = null;
  }

  /** New input size or layout settings: analysis size, mask and background all start over. */
  #resize(width: number, height: number): void {
    this.dispose();
    if (width === 0 || height === 0) return;
    this.#inputWidth = width;
    this.#inputHeight = height;
    this.#width = Math.min(width, this.#settings.analysisWidth);
    this.#height = Math.max(1, Math.round((height * this.#width) / width));
    this.#keep = rasteriseMasks(this.#settings.masks, this.#width, this.#height);
    this.#analysedPixels = this.#keep.reduce((sum, v) => sum + v, 0);
    this.#block = lightingBlockSize(this.#width);
    this.#votes = votingBlocks(this.#keep, this.#width, this.#height, this.#block);
    this.#makeThreshold();
  }

  #makeThreshold(): void {
    this.#threshold?.dispose();
    const noise = this.#settings.noiseLevel;
    const levels = this.#keep.map((k) => (k === 1 ? noise : Number.POSITIVE_INFINITY));
    this.#threshold = tf.tensor2d(levels, [this.#height, this.#width]);
  }

  /** Block means of the frame: from its bytes when they are at analysis size, else from the tensor. */
  #meansOf(gray: Uint8Array, current: tf.Tensor2D): Float32Array {
    if (this.#inputWidth === this.#width) return blockMeansOf(gray, this.#width, this.#height, this.#block);
    const pooled = tf.tidy(() => this.#poolBlocks(current));
    const means = pooled.dataSync() as Float32Array;
    pooled.dispose();
    return means;
  }

  #poolBlocks(image: tf.Tensor2D): tf.Tensor {
    const b = this.#block;
    const pooled = tf.avgPool(
      tf.reshape(image, [1, this.#height, this.#width, 1]) as tf.Tensor4D,
      b,
      b,
      'valid',
    );
    return tf.reshape(pooled, [-1]);
  }

  /**
   * One download: [changed pixels per row..., per column..., the next background's block means...,
   * changed pixels before the lighting fit (decides lighting changes; only when the fit moved some pixel by
   * half the noise level or more, else the count after it stands in)]; and the next background, not yet adopted.
   */
  #compare(
    current: tf.Tensor2D,
    background: Background,
    light: Lighting,
    weight: number,
  ): [Float32Array, tf.Tensor2D, tf.Tensor2D] {
    const threshold = this.#threshold as tf.Tensor2D;
    const { noiseLevel, backgroundRate } = this.#settings;
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
      const parts = [tf.sum(changed, 1), tf.sum(changed, 0), this.#poolBlocks(next)];
      if (relightReach(light) >= noiseLevel / 2)
        parts.push(tf.reshape(tf.sum(over(tf.sub(current, background.image))), [1]));
      return [tf.concat(parts), next, age];
    });
    const sums = profile.dataSync() as Float32Array;
    profile.dispose();
    return [sums, blended, age];
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
