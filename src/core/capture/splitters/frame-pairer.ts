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

interface WaitingJpeg extends Waiting<Buffer> {
  /** False when the JPEG was not sent to be decoded: no gray picture will come for it. */
  decoded: boolean;
  /** Set for a late decode (`request`): the gray picture goes here instead of making a frame. */
  answer?: (image: GrayImage | null) => void;
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
 *
 * A JPEG that Node did not send to be decoded (detection was not going to look at it) waits its turn
 * and leaves with no gray picture, so frames keep their order; `request` decodes one of those later.
 */
export class FramePairer {
  readonly #jpegs: WaitingJpeg[] = [];
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
    private readonly onPair: (jpeg: Buffer, image: GrayImage | null) => void,
    options: FramePairerOptions = {},
  ) {
    this.#now = options.now ?? (() => performance.now());
  }

  /** @param decoded false when the JPEG was not sent to be decoded: it is paired with no gray picture. */
  pushJpeg(jpeg: Buffer, decoded = true): void {
    const at = this.#now();
    if (this.#lastJpegAt >= 0) {
      const gap = at - this.#lastJpegAt;
      this.#interval = this.#interval ? this.#interval * 0.95 + gap * 0.05 : gap;
    }
    this.#lastJpegAt = at;
    this.#jpegs.push({ item: jpeg, at, decoded });
    this.#pair();
  }

  /**
   * The gray picture of a JPEG sent to be decoded late (it had none); resolves null if it is dropped
   * or the pairer closes first.
   */
  request(jpeg: Buffer): Promise<GrayImage | null> {
    return new Promise((answer) => {
      this.#jpegs.push({ item: jpeg, at: this.#now(), decoded: true, answer });
    });
  }

  /** The outputs ended: late decodes still waiting get null. */
  close(): void {
    for (const waiting of this.#jpegs.splice(0)) waiting.answer?.(null);
  }

  pushGray(image: GrayImage): void {
    this.#grays.push({ item: image, at: this.#now() });
    this.#pair();
  }

  #pair(): void {
    for (;;) {
      const head = this.#jpegs[0];
      if (head && !head.decoded) {
        this.#jpegs.shift();
        this.onPair(head.item, null);
        continue;
      }
      if (!head || this.#grays.length === 0) break;
      const wait = this.#grays[0].at - this.#jpegs[0].at;
      const stale = this.#interval > 0 && Math.abs(wait) > this.#interval / 2 ? Math.sign(wait) : 0;
      this.#staleRun = stale !== 0 && Math.sign(this.#staleRun) === stale ? this.#staleRun + stale : stale;
      if (Math.abs(this.#staleRun) >= STALE_RUN) {
        if (stale > 0) this.#jpegs.shift()?.answer?.(null);
        else this.#grays.shift();
        this.dropped++;
        this.realigned++;
        this.#staleRun = 0;
        continue;
      }
      this.#jpegs.shift();
      const gray = this.#grays.shift() as Waiting<GrayImage>;
      if (head.answer) head.answer(gray.item);
      else this.onPair(head.item, gray.item);
    }
    while (this.#jpegs.length > MAX_WAITING) {
      this.#jpegs.shift()?.answer?.(null);
      this.dropped++;
    }
    while (this.#grays.length > MAX_WAITING) {
      this.#grays.shift();
      this.dropped++;
    }
  }
}
