import type { Writable } from 'node:stream';

/**
 * Feeds ffmpeg's stdin with JPEGs from another program (libcamera, webcam, a bare-JPEG HTTP camera).
 * Node already holds each JPEG whole, so ffmpeg only decodes the gray copy and does not send the JPEG back.
 */
export interface Feeder {
  /**
   * Starts writing to `stdin`; calls `onJpeg` with each JPEG as it is written (the frame's JPEG) and
   * `onExit` with a reason if it stops by itself.
   */
  start(stdin: Writable, onExit: (message: string) => void, onJpeg: (jpeg: Buffer) => void): void;
  /** Stops it; resolves once its processes are gone. */
  stop(): Promise<void>;
}

/** How to run one capture attempt. */
export interface Pipeline {
  /** ffmpeg arguments: PGM on fd 3, and MJPEG on stdout unless a feeder supplies the JPEGs (see ffmpeg-args.ts). */
  args: string[];
  /** Writes ffmpeg's input to its stdin. Default: none, ffmpeg reads the input itself. */
  feeder?: Feeder;
}

/** Thrown by `plan()` when the camera cannot be used now; the message is shown as the offline reason. */
export class SourceUnavailable extends Error {}
