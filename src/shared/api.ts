import type { CameraStatus, HealthState, LabelScore, MotionEnd, MotionLevel, MotionStart } from './events';
import type { ClipInfo, StorageState } from './recording';

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
  /** Recordings' disk use, free space, reserve and retention; absent when recording is not running. */
  recordings?: StorageState;
  /** What is wrong now (storage, cameras); the same record `/healthz` and the SSE `health` message show. */
  health: HealthState;
  /** Event storage: rows and snapshots waiting for the disk, writes refused, announced events never stored. */
  storage: StorageCounters;
  /** Live tfjs tensors in the engine (flat over time, or something leaks); absent when no detector runs. */
  tensors?: number;
  /** Arming and integration connections, as the dashboard and the kiosk show them. */
  integrations?: IntegrationSummary;
  /** Unix seconds when this server process started (uptime; tells a restart from a network drop). */
  startedAt?: number;
  /** True on a new data dir until settings are first saved (an empty `PUT {}` counts): an admin's dashboard opens its setup guide. */
  firstRun?: boolean;
  /** Detection time per frame of the first camera, ms (moving average). */
  detectorMs?: number;
  /** Event history: motion events nobody has reviewed yet (the dashboard's badge). */
  history?: { unreviewed: number };
}

/** `GET /api/levels?seconds=N`: the recent `level` samples of the first camera, oldest first. */
export interface LevelHistoryPage {
  levels: MotionLevel[];
}

/** `AppState.storage`; all counts since start-up except the two queues. */
export interface StorageCounters {
  queued: number;
  pendingSnapshots: number;
  failures: number;
  lost: number;
}

/** Part of `GET /api/state`. */
export interface IntegrationSummary {
  /** This kiosk's stable id (MQTT topics, Home Assistant unique ids). */
  deviceId: string;
  /** The manual switch. */
  armed: boolean;
  /** Detection runs now (armed and inside the detection schedule). */
  detecting: boolean;
  /** Notifications go out now (not quiet hours). */
  notifying: boolean;
  /** MQTT connection state, or null when no broker is configured. */
  mqtt: 'connecting' | 'connected' | 'disconnected' | 'stopped' | null;
}

/** One row of `GET /api/events`: a motion event, with its end once it has ended. */
export interface EventRecord extends MotionStart {
  end: MotionEnd | null;
  /** Its recording, when one was made or tried (`state` and `reason` say what became of it). */
  clip?: ClipInfo;
  /** Someone opened it or marked it reviewed. */
  reviewed: boolean;
  /** Object labels seen so far (also while it runs), best score first, one per label. */
  labels: LabelScore[];
}

/**
 * `GET /api/events?before=ID&limit=N`, newest first, with optional filters (all combine): `from` / `to` (Unix
 * seconds, start inclusive, end exclusive: a local day is the client's midnight to the next), `hasClip=true|false`,
 * `minDuration=S` (ended events that lasted at least S seconds), `label=person` (any of `objectLabels`),
 * `reviewed=true|false`.
 */
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

/** One row of `GET /api/peers`: another kiosk announced on the same MQTT broker. */
export interface PeerKiosk {
  /** Its device id. */
  id: string;
  name: string;
  /** Its dashboard URL, as it announced it. */
  url: string;
  /** Its camera state. */
  state: 'starting' | 'online' | 'offline';
  /** Its MQTT connection is up (false once its last will said `offline`). */
  available: boolean;
  armed: boolean;
  lastEvent: { id: number; type: string; ts: number } | null;
  /** Unix seconds of its last announcement received. */
  seenAt: number;
}
