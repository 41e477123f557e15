import type { GrayImage } from './pgm-splitter';

/**
 * Pictures of one output waiting for their partner; beyond this the oldest are dropped. Pipe
 * buffering alone can put one output a dozen small pictures ahead of the other, so this is
 * generous (about 2 s at 30 fps) and only bites when one output has really stopped.
 */
const MAX_WAITING = 60;

/**
 * Joins ffmpeg's two outputs, the passthrough JPEG and the gray copy, picture by picture. ffmpeg writes
 * one picture to each output per input frame (`-fps_mode passthrough`), in order, so the n-th JPEG
 * belongs with the n-th gray image; they only arrive at different moments over their two pipes.
 */
export class FramePairer {
  readonly #jpegs: Buffer[] = [];
  readonly #grays: GrayImage[] = [];
  /** Pictures dropped because their partner never came. */
  dropped = 0;

  constructor(private readonly onPair: (jpeg: Buffer, image: GrayImage) => void) {}

  pushJpeg(jpeg: Buffer): void {
    this.#jpegs.push(jpeg);
    this.#pair();
  }

  pushGray(image: GrayImage): void {
    this.#grays.push(image);
    this.#pair();
  }

  #pair(): void {
    while (this.#jpegs.length > 0 && this.#grays.length > 0) {
      const jpeg = this.#jpegs.shift() as Buffer;
      this.onPair(jpeg, this.#grays.shift() as GrayImage);
    }
    for (const queue of [this.#jpegs, this.#grays]) {
      while (queue.length > MAX_WAITING) {
        queue.shift();
        this.dropped++;
      }
    }
  }
}
