import type { EventEmitter } from 'node:events';
import type { Frame } from '../frames/frame';
import type { SupervisedStatus } from '../supervisor/supervisor';

export type SourceState = 'starting' | 'online' | 'offline';

export interface FrameSourceEvents {
  frame: [Frame];
  /** `message` says why, for `offline`; `detail` is the supervisor's view (retry time, restarts, stderr). */
  state: [SourceState, string | undefined, SupervisedStatus?];
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
