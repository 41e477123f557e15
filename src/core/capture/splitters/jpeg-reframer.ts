import type { Writable } from 'node:stream';
import { MjpegSplitter } from './mjpeg-splitter';
import { writePart } from './multipart-part';

export interface JpegReframerOptions {
  /**
   * Bytes that may wait unwritten in `out` (ffmpeg not keeping up); JPEGs beyond are dropped, since
   * a live picture is worth more than a queue of stale ones. Default 4 MiB (≈ 1 s of 640×480).
   */
  maxQueuedBytes?: number;
}

/**
 * Rewrites a stream of bare concatenated JPEGs (rpicam-vid's stdout, a bare-JPEG HTTP camera) as
 * multipart parts with Content-Length for ffmpeg's `-f mpjpeg` reader. ffmpeg cuts bare JPEGs only
 * when the next one starts, so each picture would leave it a whole frame interval late; this
 * splitter cuts at the end-of-image marker, and the Content-Length lets ffmpeg use the part at once.
 */
export class JpegReframer {
  readonly #splitter: MjpegSplitter;
  /** JPEGs dropped because `out` had too much waiting. */
  dropped = 0;

  /** @param onJpeg receives each JPEG written to `out` (not the dropped ones). */
  constructor(out: Writable, onJpeg: (jpeg: Buffer) => void, options: JpegReframerOptions = {}) {
    const max = options.maxQueuedBytes ?? 4 * 1024 * 1024;
    this.#splitter = new MjpegSplitter((jpeg) => {
      if (out.writableLength > max) {
        this.dropped++;
        return;
      }
      writePart(out, jpeg);
      onJpeg(jpeg);
    });
  }

  /** Feeds the next bytes of the bare stream; complete JPEGs are written out at once. */
  push(chunk: Buffer): void {
    this.#splitter.push(chunk);
  }
}
