import type { Writable } from 'node:stream';

/** Feeds ffmpeg's stdin with JPEGs from another program (libcamera, webcam). */
export interface Feeder {
  /** Starts writing to `stdin`; calls `onExit` with a reason if it stops by itself. */
  start(stdin: Writable, onExit: (message: string) => void): void;
  /** Stops it; resolves once its processes are gone. */
  stop(): Promise<void>;
}

/** How to run one capture attempt. */
export interface Pipeline {
  /** ffmpeg arguments: MJPEG on stdout, PGM on fd 3 (see ffmpeg-args.ts). */
  args: string[];
  /** Writes ffmpeg's input to its stdin. Default: none, ffmpeg reads the input itself. */
  feeder?: Feeder;
}

/** Thrown by `plan()` when the camera cannot be used now; the message is shown as the offline reason. */
export class SourceUnavailable extends Error {}
