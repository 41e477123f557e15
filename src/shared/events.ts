/**
 * The event stream's vocabulary, shared by the core, the server and every dashboard.
 * Wire format: SSE `event: <type>` with `data: <one line of JSON>`; stored events also carry `id: <n>`.
 */

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

/** `event: gap`: the resume point asked for was pruned; the stream continues from `oldestId`. */
export interface HistoryGap {
  requestedAfter: number;
  oldestId: number;
}

/** Events that are stored and carry an `id:`. */
export type StoredEvent =
  | { type: 'motion'; id: number; data: MotionStart }
  | { type: 'motion-end'; id: number; data: MotionEnd };

export type StoredEventType = StoredEvent['type'];
