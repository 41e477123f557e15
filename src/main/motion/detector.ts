import * as tf from '@tensorflow/tfjs-core';
import type { Settings } from '../../shared/settings';
import { rasteriseMasks } from './mask';
import type { FrameAnalysis } from './types';

const still: FrameAnalysis = { change: 0, box: null, lightswitch: false };

/**
 * Frame differencing on tfjs tensors: blur the gray frame, compare it with a running-average
 * background, count pixels whose difference exceeds `noiseLevel` outside the masks, and report that
 * share as `change` (percent) with the box around them. A frame where more than `lightswitchPercent`
 * changed is a lighting change: the background re-learns from it at once. Every tensor is freed per frame.
 */
export class MotionDetector {
  #settings: Settings;
  /** Blurred float32 [h, w] background at analysis size; null until the first frame. */
  #background: tf.Tensor2D | null = null;
  /** float32 [h, w]: 1 where pixels are analysed, 0 inside a mask. */
  #mask: tf.Tensor2D | null = null;
  #analysedPixels = 0;
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
    const stats = tf.tidy(() => {
      const changed = tf.mul(
        tf.cast(tf.greater(tf.abs(tf.sub(current, background)), this.#settings.noiseLevel), 'float32'),
        mask,
      );
      const rows = tf.max(changed, 1);
      const cols = tf.max(changed, 0);
      return tf.stack([
        tf.sum(changed),
        tf.cast(tf.argMax(rows), 'float32'),
        tf.cast(tf.argMax(tf.reverse(rows)), 'float32'),
        tf.cast(tf.argMax(cols), 'float32'),
        tf.cast(tf.argMax(tf.reverse(cols)), 'float32'),
      ]);
    });
    const [count, top, bottomFromEnd, left, rightFromEnd] = stats.dataSync();
    stats.dispose();
    const change = this.#analysedPixels > 0 ? (count / this.#analysedPixels) * 100 : 0;
    const { lightswitchPercent, backgroundRate } = this.#settings;
    const lightswitch = lightswitchPercent > 0 && change > lightswitchPercent;
    if (lightswitch) {
      this.#background = current;
    } else {
      this.#background = tf.tidy(
        () => tf.add(tf.mul(background, 1 - backgroundRate), tf.mul(current, backgroundRate)) as tf.Tensor2D,
      );
      current.dispose();
    }
    background.dispose();
    if (count === 0) return still;
    const w = this.#width;
    const h = this.#height;
    const box = {
      x: left / w,
      y: top / h,
      w: (w - rightFromEnd - left) / w,
      h: (h - bottomFromEnd - top) / h,
    };
    return { change, box, lightswitch };
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
    this.#mask = tf.tensor2d(keep, [this.#height, this.#width]);
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
