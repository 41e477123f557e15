/** Where a feeder hands its JPEGs: each becomes a frame, decoded by ffmpeg when detection wants it. */
export interface JpegSink {
  /** One whole JPEG, the next frame. */
  write(jpeg: Buffer): void;
  /** No more JPEGs will come (ffmpeg then ends). */
  end(): void;
}

/**
 * Supplies the JPEGs of another program (libcamera, webcam, a bare-JPEG HTTP camera). Node holds each
 * JPEG whole, so ffmpeg only decodes the gray copy and does not send the JPEG back.
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
