import type { EventEmitter } from 'node:events';

/** One captured picture: the camera's JPEG untouched, plus a small gray copy for detection. */
export interface Frame {
  /** Increments by one per frame of this source. */
  seq: number;
  /** Capture time, Unix milliseconds. */
  ts: number;
  /** The JPEG as the camera (or ffmpeg) produced it; shared by every viewer, never copied. */
  jpeg: Buffer;
  /** 8-bit grayscale, `width * height` bytes, row-major. */
  gray: Uint8Array;
  /** Size of `gray`. */
  width: number;
  height: number;
}

export type SourceState = 'starting' | 'online' | 'offline';

export interface FrameSourceEvents {
  frame: [Frame];
  /** `message` says why, for `offline`. */
  state: [SourceState, string | undefined];
}

/**
 * A camera. Implementations run the capture in a child process and restart it with back-off
 * when it dies; `stop()` ends it for good.
 */
export interface FrameSource extends EventEmitter<FrameSourceEvents> {
  /** Camera name carried by every event. */
  readonly camera: string;
  /** What it captures from, for logs and status (no secrets: URL credentials are masked). */
  readonly description: string;
  start(): void;
  stop(): Promise<void>;
}
