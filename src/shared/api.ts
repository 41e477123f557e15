import type { CameraStatus, HealthState, MotionEnd, MotionStart } from './events';

/** `GET /api/state`. */
export interface AppState {
  version: string;
  /** Detection backend in use: `tensorflow`, `wasm` or `cpu`. */
  backend: string;
  cameras: CameraStatus[];
  /** Motion events since start-up. */
  count: number;
  /** Highest stored event id, 0 when none. */
  lastEventId: number;
  auth: boolean;
  /** What is wrong now (storage, cameras); the same record `/healthz` and the SSE `health` message show. */
  health: HealthState;
  /** Event storage: rows and snapshots waiting for the disk, writes refused, announced events never stored. */
  storage: StorageCounters;
  /** Live tfjs tensors in the engine (flat over time, or something leaks); absent when no detector runs. */
  tensors?: number;
}

/** `AppState.storage`; all counts since start-up except the two queues. */
export interface StorageCounters {
  queued: number;
  pendingSnapshots: number;
  failures: number;
  lost: number;
}

/** One row of `GET /api/events`: a motion event, with its end once it has ended. */
export interface EventRecord extends MotionStart {
  end: MotionEnd | null;
}

/** `GET /api/events?before=ID&limit=N`, newest first. */
export interface EventPage {
  events: EventRecord[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextBefore: number | null;
}

/** Every 4xx/5xx body: one line, one reason. */
export interface ApiError {
  error: string;
}
