import type { BoundingBox } from '../../shared/events';

/**
 * How far an open motion event got: noted every few seconds while it lasts, so that an event a crash
 * left open is closed at its last known frame instead of at its first.
 */
export interface MotionProgress {
  motionId: number;
  /** Unix seconds of the last frame with motion so far. */
  ts: number;
  /** Frames over the threshold so far. */
  frames: number;
  peakChange: number;
  box: BoundingBox | null;
}

/** One row per open event; the row goes with the event's `motion-end`. */
export const PROGRESS_SCHEMA = `
CREATE TABLE IF NOT EXISTS progress (motion_id INTEGER PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
`;
