import { createRequire } from 'node:module';
import type { GrayPicture } from '../../frames/frame';
import { shrinkGray } from './gray-shrink';

type JpegTurbo = typeof import('@julusian/jpeg-turbo');

// As in ../../motion/backend.ts: resolved at run time, from a CJS bundle or from ES modules.
const requireHere: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);

let bindings: JpegTurbo | Error | undefined;

/** libjpeg-turbo's prebuilt bindings, or why they do not load on this platform. */
function jpegTurbo(): JpegTurbo | Error {
  if (bindings === undefined) {
    try {
      bindings = requireHere('@julusian/jpeg-turbo') as JpegTurbo;
    } catch (err) {
      bindings = err instanceof Error ? err : new Error(String(err));
    }
  }
  return bindings;
}

/**
 * Makes a JPEG's gray copy for detection inside this process, with libjpeg-turbo: only the
 * luminance is decoded (no colour conversion), then shrunk to `analysisWidth`. About 0.6 ms for a
 * 640×480 frame here, where handing it to ffmpeg and reading the answer back cost Node and ffmpeg
 * 1.5 ms together, and the second process ~50 MB of memory (docs/benchmarks.md, sixth session).
 */
export class LocalGrayDecoder {
  /** The full-size luminance, reused from frame to frame (only the shrunk copy leaves). */
  #full: Buffer | null = null;
  /** Why the last JPEG that failed could not be decoded (libjpeg-turbo's message). */
  lastError = '';

  private constructor(
    private readonly turbo: JpegTurbo,
    private readonly analysisWidth: number,
  ) {}

  /** A decoder, or the reason there is none here (no prebuilt binary for this platform). */
  static create(analysisWidth: number): LocalGrayDecoder | Error {
    const turbo = jpegTurbo();
    return turbo instanceof Error ? turbo : new LocalGrayDecoder(turbo, analysisWidth);
  }

  /** The gray copy, or null when the JPEG cannot be decoded (cut short, corrupt). */
  decode(jpeg: Buffer): GrayPicture | null {
    try {
      const { data, width, height } = this.#luminance(jpeg);
      return shrinkGray(data, width, height, this.analysisWidth);
    } catch (err) {
      // TurboJPEG reports some refusals (a lossless JPEG) as "No error".
      const message = (err as Error).message;
      this.lastError =
        message && message !== 'No error' ? message : 'a kind of JPEG libjpeg-turbo does not read';
      return null;
    }
  }

  #luminance(jpeg: Buffer): { data: Buffer; width: number; height: number } {
    const gray = { format: this.turbo.FORMAT_GRAY };
    if (this.#full) {
      try {
        return this.turbo.decompressSync(jpeg, this.#full, gray);
      } catch (err) {
        // A larger picture than before (the camera changed size): a new buffer below.
        if ((err as Error).message !== 'Insufficient output buffer') throw err;
      }
    }
    const decoded = this.turbo.decompressSync(jpeg, gray);
    this.#full = decoded.data;
    return decoded;
  }
}
