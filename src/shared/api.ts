import type { CameraStatus, MotionEnd, MotionLevel, MotionStart } from './events';

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
  /** Unix seconds when this server process started (uptime; tells a restart from a network drop). */
  startedAt?: number;
  /** True on a new data dir until settings are first saved: the dashboard offers its setup guide. */
  firstRun?: boolean;
  /** Detection time per frame of the first camera, ms (moving average). */
  detectorMs?: number;
}

/** `GET /api/levels?seconds=N`: the recent `level` samples of the first camera, oldest first. */
export interface LevelHistoryPage {
  levels: MotionLevel[];
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
  /** For a refused setting: the field, a code (`too_big`, `too_small`, `invalid_type`, `not_integer`, `unknown_key`, `invalid`) and the broken limit, so a dashboard can say it in its own language. */
  field?: string | null;
  code?: string;
  limit?: number;
}
