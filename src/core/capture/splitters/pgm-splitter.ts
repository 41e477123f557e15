import type { GrayPicture } from '../../frames/frame';

/** One grayscale picture read from a PGM stream. */
export type GrayImage = GrayPicture;

/** A PGM header is a few short tokens; anything longer is not PGM. */
const MAX_HEADER = 64;
const HEADER = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/;

/**
 * Cuts ffmpeg's `-c:v pgm -f image2pipe` output into images. PGM rather than bare rawvideo because
 * each picture carries its size, so the reader needs no out-of-band height and follows a resolution
 * change of the camera without a restart.
 */
export class PgmSplitter {
  #pending: Buffer = Buffer.alloc(0);
  #image: GrayImage | null = null;
  #filled = 0;

  constructor(private readonly onImage: (image: GrayImage) => void) {}

  push(chunk: Buffer): void {
    let data = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = Buffer.alloc(0);
    while (data.length > 0) {
      if (!this.#image) {
        const header = HEADER.exec(data.subarray(0, MAX_HEADER).toString('latin1'));
        if (!header) {
          if (data.length >= MAX_HEADER) throw new Error('gray stream is not PGM');
          this.#pending = data;
          return;
        }
        const width = Number(header[1]);
        const height = Number(header[2]);
        if (header[3] !== '255' || width === 0 || height === 0) throw new Error('unsupported PGM header');
        this.#image = { gray: new Uint8Array(width * height), width, height };
        this.#filled = 0;
        data = data.subarray(header[0].length);
        continue;
      }
      const take = Math.min(data.length, this.#image.gray.length - this.#filled);
      this.#image.gray.set(data.subarray(0, take), this.#filled);
      this.#filled += take;
      data = data.subarray(take);
      if (this.#filled === this.#image.gray.length) {
        const image = this.#image;
        this.#image = null;
        this.onImage(image);
      }
    }
  }
}
