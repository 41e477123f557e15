import type { GrayImage } from './pgm-splitter';

/**
 * Pictures of one output waiting for their partner; beyond this the oldest are dropped. Pipe
 * buffering alone can put one output a dozen small pictures ahead of the other, so this is
 * generous (about 2 s at 30 fps) and only bites when one output has really stopped.
 */
const MAX_WAITING = 60;
/** Consecutive pairings whose one side had waited a frame interval that prove the outputs slipped. */
const STALE_RUN = 30;

interface Waiting<T> {
  item: T;
  /** Arrival time, ms. */
  at: number;
}

export interface FramePairerOptions {
  /** Clock in ms. Default `performance.now`. */
  now?: () => number;
}

/**
 * Joins ffmpeg's two outputs, the passthrough JPEG and the gray copy, picture by picture. ffmpeg
 * writes one picture to each output per input frame (`-fps_mode passthrough`), the JPEG first, so
 * the n-th JPEG belongs with the n-th gray picture and both arrive within a millisecond or so.
 *
 * Except when a JPEG fails to decode: it is still copied, but has no gray picture (or the splitter
 * rejects a JPEG ffmpeg could decode). From then on every pairing joins pictures a frame interval
 * apart. After STALE_RUN such pairings in a row the waiting picture is dropped, which re-aligns
 * the outputs. Batched pipe reads under load do not trigger it: there both sides arrive together.
 */
export class FramePairer {
  readonly #jpegs: Waiting<Buffer>[] = [];
  readonly #grays: Waiting<GrayImage>[] = [];
  readonly #now: () => number;
  /** Smoothed time between JPEGs, ms; 0 until known. */
  #interval = 0;
  #lastJpegAt = -1;
  /** Consecutive stale pairings: positive when the JPEG waited, negative when the gray did. */
  #staleRun = 0;
  /** Pictures dropped because their partner never came. */
  dropped = 0;
  /** Times the two outputs were re-aligned after one of them lost a picture. */
  realigned = 0;

  constructor(
    private readonly onPair: (jpeg: Buffer, image: GrayImage) => void,
    options: FramePairerOptions = {},
  ) {
    this.#now = options.now ?? (() => performance.now());
  }

  pushJpeg(jpeg: Buffer): void {
    const at = this.#now();
    if (this.#lastJpegAt >= 0) {
      const gap = at - this.#lastJpegAt;
      this.#interval = this.#interval ? this.#interval * 0.95 + gap * 0.05 : gap;
    }
    this.#lastJpegAt = at;
    this.#jpegs.push({ item: jpeg, at });
    this.#pair();
  }

  pushGray(image: GrayImage): void {
    this.#grays.push({ item: image, at: this.#now() });
    this.#pair();
  }

  #pair(): void {
    while (this.#jpegs.length > 0 && this.#grays.length > 0) {
      const wait = this.#grays[0].at - this.#jpegs[0].at;
      const stale = this.#interval > 0 && Math.abs(wait) > this.#interval / 2 ? Math.sign(wait) : 0;
      this.#staleRun = stale !== 0 && Math.sign(this.#staleRun) === stale ? this.#staleRun + stale : stale;
      if (Math.abs(this.#staleRun) >= STALE_RUN) {
        (stale > 0 ? this.#jpegs : this.#grays).shift();
        this.dropped++;
        this.realigned++;
        this.#staleRun = 0;
        continue;
      }
      const jpeg = this.#jpegs.shift() as Waiting<Buffer>;
      const gray = this.#grays.shift() as Waiting<GrayImage>;
      this.onPair(jpeg.item, gray.item);
    }
    for (const queue of [this.#jpegs, this.#grays]) {
      while (queue.length > MAX_WAITING) {
        queue.shift();
        this.dropped++;
      }
    }
  }
}
