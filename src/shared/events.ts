import type { MotionDeleted, ReviewedEvents } from './history';
import type { ObjectLabel } from './labels';

/**
 * The event stream's vocabulary, shared by the core, the server and every dashboard.
 * Wire format: SSE `event: <type>` with `data: <one line of JSON>`; stored events also carry `id: <n>`.
 */
import type { Settings } from './settings';

/** A rectangle in 0..1 image coordinates (x right, y down), independent of capture and analysis size. */
export interface BoundingBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** `event: motion`: a motion event started. Keeps the seed dashboard's `ts`, `count` and `change`. */
export interface MotionStart {
  /** The stored event id (same as the SSE `id:` line). */
  id: number;
  /** Camera name, so that a second camera is a config entry, not a rewrite. */
  camera: string;
  /** Unix time in seconds (float) of the frame that started the event. */
  ts: number;
  /** Motion events since start-up of this process. */
  count: number;
  /** The change score (percent of analysed pixels that changed) of the triggering frame. */
  change: number;
  /** Bounding box of the changed area in the triggering frame, or null when unknown. */
  box: BoundingBox | null;
  /** URL (path) of the JPEG snapshot of the triggering frame. */
  snapshot: string;
}

/** `event: motion-end`: the motion event `motionId` ended after `eventGap` seconds of stillness. */
export interface MotionEnd {
  id: number;
  camera: string;
  /** The id of the `motion` event that this one ends. */
  motionId: number;
  /** Unix seconds of the last frame with motion. */
  ts: number;
  /** Seconds from the first to the last frame with motion. */
  duration: number;
  /** Highest change score seen during the event. */
  peakChange: number;
  /** Frames over the threshold during the event. */
  frames: number;
  /** Box covering the whole event. */
  box: BoundingBox | null;
  /** URL of the event's best picture (largest, most central motion), when one was chosen. */
  snapshot?: string;
  /** URL of the event's recorded clip, when it is being recorded (details: `GET /api/events/:id`). */
  clip?: string;
  /**
   * Set when the event did not end by stillness: `interrupted` = the app stopped (crash, power cut) while it
   * was open, and it was closed at start-up at its last known frame. Absent for a normal end.
   */
  reason?: 'interrupted';
  /** Object labels found during the event, best score first, one per label; empty when none or labelling is off (absent from older events). */
  labels?: LabelScore[];
}

/** A label and the best score it had during one motion event. */
export interface LabelScore {
  label: ObjectLabel;
  score: number;
}

/**
 * `event: motion-label`: the running motion event `motionId` shows an object. Sent when a label first
 * appears in an event and again when its score rises by 0.1 or more; stored and resumable.
 */
export interface MotionLabel {
  id: number;
  camera: string;
  /** The id of the `motion` event this label belongs to. */
  motionId: number;
  /** Unix seconds of the frame that was labelled. */
  ts: number;
  label: ObjectLabel;
  /** Model score 0..1 (at least the label's `labelMinScores`). */
  score: number;
  /** Where the object is, in 0..1 of the camera picture. */
  box: BoundingBox;
  /** True when the label is one of the `notifyLabels` setting: this event should alert. */
  notify: boolean;
}

/** `event: status`: camera and pipeline state. Not stored: every new client gets the current one first. */
export interface CameraStatus {
  camera: string;
  state: 'starting' | 'online' | 'offline';
  /** Unix seconds since which the camera is in `state`. */
  since: number;
  /** Frames per second over the last few seconds. */
  fps: number;
  /** Detection backend in use (`tensorflow`, `wasm` or `cpu`). */
  backend: string;
  /** Human-readable reason when offline. */
  message?: string;
  /** Unix seconds of the next capture attempt, while offline and waiting to retry. */
  retryAt?: number;
  /** Capture restarts since start-up (crashes, stalls, lost connections). */
  restarts?: number;
  /** Capture restarts in the last hour; the supervisor keeps retrying at its cap however high this gets. */
  restartsLastHour?: number;
  /** Last lines the capture process wrote to stderr before it stopped, oldest first. */
  stderr?: string[];
}

/** `event: level`: the current change score, at most 5 per second, for live graphs. Not stored. */
export interface MotionLevel {
  camera: string;
  ts: number;
  change: number;
  /** True while a motion event is open. */
  active: boolean;
  /**
   * Box of the changed area in this frame, when the detector has one. Optional (added for live overlays):
   * without it a dashboard can only draw the box of the frame that started the event.
   */
  box?: BoundingBox | null;
}

/** `event: arming`: the manual arm switch and the schedule's effect now. Not stored; new clients get the current one. */
export interface ArmingStatus {
  /** The manual switch (dashboard, kiosk, MQTT `set/detection`). */
  armed: boolean;
  /** Detection runs now: armed and inside the detection schedule. */
  detecting: boolean;
  /** Notifications (webhooks, push) go out now: not quiet hours. */
  notifying: boolean;
}

/** `event: gap`: the resume point asked for was pruned; the stream continues from `oldestId`. */
export interface HistoryGap {
  requestedAfter: number;
  oldestId: number;
  /**
   * `storage`: events `requestedAfter + 1` to `oldestId - 1` were announced while storage was failing and
   * could not be kept (the in-memory queue overflowed); sent live, not only on resume. Absent for pruning.
   */
  reason?: 'storage';
}

/** One thing wrong with the engine now (storage failing, camera down past its grace time). */
export interface HealthProblem {
  /** `storage`, `settings` or `camera:<name>`. */
  component: string;
  /** One line: what is wrong, which path, what to do. */
  message: string;
  /** Unix seconds since when. */
  since: number;
}

/** `event: health` (not stored; every new client gets the current one first) and `GET /api/state`'s `health`. */
export interface HealthState {
  /** False while anything is wrong; `/healthz` answers 503 then. */
  ok: boolean;
  problems: HealthProblem[];
}

/**
 * The vocabulary: every SSE event type and its payload. Stored types carry an `id:` and are resumable;
 * live types are sent to connected clients only (`status` and `settings` are remembered for new ones);
 * notices are addressed to one client. Adding a type here is the whole declaration: the hub's
 * signatures, the dashboard's message type and the list of names below all follow from these maps.
 */
export interface StoredEventMap {
  motion: MotionStart;
  'motion-end': MotionEnd;
  'motion-label': MotionLabel;
}

export interface LiveEventMap {
  status: CameraStatus;
  settings: Settings;
  level: MotionLevel;
  health: HealthState;
  arming: ArmingStatus;
  'motion-deleted': MotionDeleted;
  reviewed: ReviewedEvents;
}

export interface NoticeEventMap {
  gap: HistoryGap;
}

export type SseEventMap = StoredEventMap & LiveEventMap & NoticeEventMap;
export type SseEventType = keyof SseEventMap;
export type StoredEventType = keyof StoredEventMap;
export type LiveEventType = keyof LiveEventMap;

/** A stored event as the hub publishes it. */
export type StoredEvent = {
  [K in StoredEventType]: { type: K; id: number; data: StoredEventMap[K] };
}[StoredEventType];

/** An unstored message to every connected client. */
export type LiveMessage = { [K in LiveEventType]: { type: K; data: LiveEventMap[K] } }[LiveEventType];

/** Any message on the stream, as a client parses it. */
export type SseMessage =
  | StoredEvent
  | LiveMessage
  | { [K in keyof NoticeEventMap]: { type: K; data: NoticeEventMap[K] } }[keyof NoticeEventMap];

/** Every message the hub sends to all clients: what integrations observe. */
export type HubMessage = StoredEvent | LiveMessage;

/** Listing each type once, keyed by the map, makes a missing or misspelt name a type error. */
const sseTypeSet: { [K in SseEventType]: true } = {
  motion: true,
  'motion-end': true,
  'motion-label': true,
  'motion-deleted': true,
  status: true,
  settings: true,
  level: true,
  health: true,
  arming: true,
  reviewed: true,
  gap: true,
};

/** The names of every SSE event type, for `addEventListener` and tests. */
export const sseEventTypes = Object.keys(sseTypeSet) as SseEventType[];
