import type { CameraStatus, MotionEnd, MotionStart } from './events';

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
  /** The object-label model: loaded only once a motion event needed it while `labels` is on. */
  labels?: { loaded: boolean; inputSize: number };
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
