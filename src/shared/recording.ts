import type { BoundingBox } from './events';

/** Where an event's recording stands. */
export type ClipState =
  /** Frames are being appended now. */
  | 'recording'
  /** Recorded to its end (post-roll, or the length cap). */
  | 'complete'
  /** The app stopped (crash, power cut) mid-recording: the clip plays up to the last frame written. */
  | 'interrupted'
  /** A write failed (disk full, permission): the clip plays up to the last frame written, if any. */
  | 'failed'
  /** Removed by retention; the event itself is kept. */
  | 'pruned'
  /** Not recorded at all (recording off or no disk space); `reason` says which. */
  | 'skipped';

/** An event's recording, as `GET /api/events` and `GET /api/events/:id` carry it in `clip`. */
export interface ClipInfo {
  state: ClipState;
  /** Why it is not `complete`, in one line; absent when complete or recording. */
  reason?: string;
  /** `GET` URL of the clip while its frames exist, else null. */
  url: string | null;
  /** Unix seconds of the first and last frame (0 when none). */
  start: number;
  end: number;
  frames: number;
  /** Bytes of the clip on disk (0 once pruned). */
  bytes: number;
  /** The event's best picture: when and where the motion was (null when there was no box). */
  best: { ts: number; box: BoundingBox } | null;
}

/** `GET /api/events/:id/clip.json`: what a player needs to seek in `GET /api/events/:id/clip`. */
export interface ClipIndex extends ClipInfo {
  /** Per frame: byte offset in the clip, length, Unix seconds. */
  offsets: number[];
  lengths: number[];
  times: number[];
  /** Motion box samples over the event (a few per second), for the overlay. */
  boxes: { ts: number; box: BoundingBox | null }[];
}

/** `GET /api/events/:id/clip.mp4` while the MP4 is being made (202), or when making it failed (500). */
export interface ExportProgress {
  state: 'encoding' | 'failed';
  /** 0..1 */
  progress: number;
  reason?: string;
}

/** Disk use of recordings, in `/api/state` (`storage`) and `/metrics`. */
export interface StorageState {
  /** Bytes of clips and best pictures kept. */
  usedBytes: number;
  clips: number;
  /** Free bytes on the data dir's file system, and its size. */
  freeBytes: number;
  totalBytes: number;
  /** Free bytes always kept: min(1 GiB, 10 %) unless configured. */
  reserveBytes: number;
  /** Unix seconds of the oldest recording kept, null when none. */
  oldest: number | null;
  /** Limits in force. */
  retention: { maxAgeDays: number; maxClips: number; maxBytes: number };
  /** Why recording is paused (nothing more can be freed), else null. */
  problem: string | null;
}
