import type { Writable } from 'node:stream';
import { MjpegSplitter } from './mjpeg-splitter';
import { multipartPart } from './stills-feeder';

/**
 * Rewrites a stream of bare concatenated JPEGs (rpicam-vid's stdout, a bare-JPEG HTTP camera) as
 * multipart parts with Content-Length for ffmpeg's `-f mpjpeg` reader. ffmpeg cuts bare JPEGs only
 * when the next one starts, so each picture would leave it a whole frame interval late; this
 * splitter cuts at the end-of-image marker, and the Content-Length lets ffmpeg use the part at once.
 */
export class JpegReframer {
  readonly #splitter: MjpegSplitter;

  constructor(out: Writable) {
    this.#splitter = new MjpegSplitter((jpeg) => out.write(multipartPart(jpeg)));
  }

  /** Feeds the next bytes of the bare stream; complete JPEGs are written out at once. */
  push(chunk: Buffer): void {
    this.#splitter.push(chunk);
  }
}
