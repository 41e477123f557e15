/** History messages of the event stream (see `events.ts` for the whole vocabulary). */

/**
 * `event: motion-deleted`: an admin deleted the motion event `motionId` (its rows, picture and clip are gone);
 * dashboards drop it from their list. Not stored (a dashboard that was offline then finds it gone: 404);
 * new clients get the latest one first, which is harmless.
 */
export interface MotionDeleted {
  camera: string;
  motionId: number;
  /** Unix seconds of the deletion. */
  ts: number;
  /** Motion events not yet reviewed, after the deletion. */
  unreviewed: number;
}

/**
 * `event: reviewed`: someone looked at events (`motionIds`), or marked every event up to `throughId` as reviewed.
 * Not stored; new clients get the latest one first (it carries the count they need).
 */
export interface ReviewedEvents {
  motionIds: number[];
  /** Every motion event with an id up to this one is now reviewed; null when only `motionIds` are. */
  throughId: number | null;
  /** Motion events not yet reviewed, after this change. */
  unreviewed: number;
}
