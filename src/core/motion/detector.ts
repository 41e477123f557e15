import * as tf from '@tensorflow/tfjs-core';
import type { Settings } from '../../shared/settings';
import { type Background, compareWithBackground, poolBlocks } from './background';
import { boxBlur } from './blur-kernel';
import { blockMeansOf, fitLighting, lightingBlockSize, votingBlocks } from './lighting';
import { rasteriseMasks } from './mask';
import type { FrameAnalysis } from './types';

export { HOLD_FRAMES } from './background';

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
  /** The frame's bytes as float32, reused from frame to frame on wasm, which copies them into its own memory. */
  #floats = new Float32Array(0);
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
    const { noiseLevel, backgroundRate } = this.#settings;
    const [sums, blended, age] = compareWithBackground(current, background, light, weight, {
      threshold: this.#threshold,
      noiseLevel,
      backgroundRate,
      block: this.#block,
    });
    const percent = (n: number) => (this.#analysedPixels > 0 ? (n / this.#analysedPixels) * 100 : 0);
    const rows = sums.subarray(0, this.#height);
    const cols = sums.subarray(this.#height, this.#height + this.#width);
    const blocks = this.#votes.length;
    const count = rows.reduce((total, v) => total + v, 0);
    // Without the pre-fit count (see compareWithBackground) the lighting moved no pixel by half the noise level.
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
    const pooled = tf.tidy(() => poolBlocks(current, this.#block));
    const means = pooled.dataSync() as Float32Array;
    pooled.dispose();
    return means;
  }

  /**
   * The gray bytes as float32 for upload. The wasm backend copies them into its memory, so one array
   * serves every frame (a new 77 kB array each frame at 160×120 was garbage for V8 to collect); the cpu
   * and tensorflow backends keep the array they are given, so they get a new one.
   */
  #asFloats(gray: Uint8Array): Float32Array {
    if (tf.getBackend() !== 'wasm') return Float32Array.from(gray);
    if (this.#floats.length !== gray.length) this.#floats = new Float32Array(gray.length);
    this.#floats.set(gray);
    return this.#floats;
  }

  /** Gray bytes → float32 [h, w] at analysis size, blurred. Runs inside tf.tidy. */
  #prepare(gray: Uint8Array, width: number, height: number): tf.Tensor2D {
    const size: [number, number] = [this.#height, this.#width];
    const image =
      width === this.#width
        ? tf.tensor2d(this.#asFloats(gray), size)
        : tf.reshape<tf.Rank.R2>(
            tf.image.resizeBilinear(tf.tensor3d(gray, [height, width, 1], 'float32'), size),
            size,
          );
    const radius = this.#settings.blurRadius;
    return radius > 0 ? boxBlur(image, radius) : image;
  }
}
