import type { Writable } from 'node:stream';
import type { JpegSink } from '../pipeline';
import type { FramePairer } from '../splitters/frame-pairer';
import { writePart } from '../splitters/multipart-part';
import type { GrayImage } from '../splitters/pgm-splitter';

export interface GrayDecoderOptions {
  /**
   * Whether the next frame's gray copy will be looked at (detection skips some frames of a still
   * scene); the others are not sent to ffmpeg at all. Default: always.
   */
  wantsGray?: () => boolean;
  /**
   * Bytes that may wait unwritten in ffmpeg's stdin (ffmpeg not keeping up); JPEGs beyond are dropped,
   * since a live picture is worth more than a queue of stale ones. Default 4 MiB (≈ 1 s of 640×480).
   */
  maxQueuedBytes?: number;
}

/**
 * The JpegSink of a feeder's ffmpeg: writes the JPEGs whose gray copy is wanted to ffmpeg's stdin as
 * multipart parts with Content-Length (`-f mpjpeg`: each decoded the moment it is complete, where bare
 * JPEGs would wait for the next one), and hands every JPEG to the pairer in order. Decoding is most of
 * ffmpeg's work, so frames that detection holds back are not decoded unless `decode` asks later.
 */
export class GrayDecoder implements JpegSink {
  readonly #wantsGray: () => boolean;
  readonly #maxQueuedBytes: number;
  /** JPEGs dropped because ffmpeg had too much waiting. */
  dropped = 0;

  constructor(
    private readonly stdin: Writable,
    private readonly pairer: FramePairer,
    options: GrayDecoderOptions = {},
  ) {
    this.#wantsGray = options.wantsGray ?? (() => true);
    this.#maxQueuedBytes = options.maxQueuedBytes ?? 4 * 1024 * 1024;
  }

  write(jpeg: Buffer): void {
    if (this.stdin.writableLength > this.#maxQueuedBytes) {
      this.dropped++;
      return;
    }
    const decode = this.#wantsGray();
    if (decode) writePart(this.stdin, jpeg);
    this.pairer.pushJpeg(jpeg, decode);
  }

  end(): void {
    this.stdin.end();
  }

  /** The gray copy of a JPEG passed on undecoded; null once ffmpeg has gone. */
  decode(jpeg: Buffer): Promise<GrayImage | null> {
    if (!this.stdin.writable) return Promise.resolve(null);
    writePart(this.stdin, jpeg);
    return this.pairer.request(jpeg);
  }
}
