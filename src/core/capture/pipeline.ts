import type { GrayPicture } from '../frames/frame';

/** Where a feeder hands its JPEGs: each becomes a frame, its gray copy made when detection wants it. */
export interface JpegSink {
  /** One whole JPEG, the next frame. */
  write(jpeg: Buffer): void;
  /** No more JPEGs will come (the capture then ends). */
  end(): void;
}

/**
 * Supplies the JPEGs of another program (libcamera, webcam, a bare-JPEG HTTP camera). Node holds each
 * JPEG whole, so only its gray copy is made: in this process (`FeederRun`), or by ffmpeg where
 * libjpeg-turbo's bindings do not load (`GrayDecoder`).
 */
export interface Feeder {
  /** Starts handing JPEGs to `sink`; calls `onExit` with a reason if it stops by itself. */
  start(sink: JpegSink, onExit: (message: string) => void): void;
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

/** How a run ended: `finished` = its input ended cleanly; else `message` says why. */
export type RunEnd = ({ finished: true } | { finished: false; message: string }) & {
  /** Last lines ffmpeg wrote to stderr, oldest first (none when no ffmpeg ran). */
  stderr: string[];
};

/** One capture attempt while it runs: ffmpeg (`FfmpegRun`), or a feeder decoded in process (`FeederRun`). */
export interface CaptureRun {
  /** The gray copy of a frame passed on without one; null once this run has ended. */
  decode(jpeg: Buffer): Promise<GrayPicture | null>;
  /** Ends the run; the first reason given is the one reported. */
  fail(message: string): void;
  /** Ends the run; resolves once its processes are gone. */
  stop(): Promise<void>;
}
