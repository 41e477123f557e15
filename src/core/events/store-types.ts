import type { EventPage, EventRecord } from '../../shared/api';
import type { MotionStart, StoredEventType } from '../../shared/events';
import type { ObjectLabel } from '../../shared/labels';
import type { MotionProgress } from './progress';
import type { StorageError } from './storage-error';

/** One stored event as it went on the wire: its type, id and the exact JSON sent as `data:`. */
export interface StoredRow {
  id: number;
  type: StoredEventType;
  json: string;
}

/** What the hub hands the store to append; `build` turns the assigned id into the payload. */
export interface AppendRequest<T extends { id: number }> {
  type: StoredEventType;
  camera: string;
  ts: number;
  /** The `motion` id a `motion-end` closes; null for `motion`. */
  motionId: number | null;
  build(id: number): T;
  /** JPEG stored as the event's snapshot file. */
  snapshot?: Buffer;
}

/** One row to commit with the id the hub already gave it (and announced, when storage was failing). */
export interface RowWrite {
  row: StoredRow;
  camera: string;
  ts: number;
  motionId: number | null;
  /** JPEG stored as the event's snapshot file. */
  snapshot?: Buffer;
}

/** Which motion events a history page lists; every field given must hold (see `GET /api/events`). */
export interface EventFilter {
  /** Unix seconds: started at or after. */
  from?: number;
  /** Unix seconds: started before. */
  to?: number;
  /** With a clip (`has`) or without one: `ids` are the events whose clip is kept (the recorder knows them). */
  clips?: { ids: number[]; has: boolean };
  /** Ended, and lasted at least this many seconds. */
  minDuration?: number;
  /** Seen with this object label (while running or in its end). */
  label?: ObjectLabel;
  reviewed?: boolean;
}

/** A `motion` event with no `motion-end` row, and the last progress noted for it (see `noteProgress`). */
export interface OpenMotion {
  start: MotionStart;
  progress: MotionProgress | null;
}

/** Durable event history: SQLite rows plus one JPEG file per `motion` event. */
export interface EventStore {
  /** Highest id ever assigned (0 when none); never decreases, even after pruning or a restart. */
  lastId(): number;
  /** Highest id removed by retention (0 when none): a resume point below it has lost events. */
  prunedThrough(): number;
  /** Lowest id still stored, or null when empty. */
  oldestId(): number | null;
  /** Assigns the next id and commits the row (and snapshot file) before returning. */
  append<T extends { id: number }>(request: AppendRequest<T>): { data: T; row: StoredRow };
  /**
   * Commits a row whose id was assigned by the caller. Throws a StorageError when the row cannot be
   * committed. A snapshot that cannot be written does not stop the row: its partial file is removed, the
   * row says it has none, and the error is returned so the caller can retry with `attachSnapshot`.
   */
  write(request: RowWrite): StorageError | null;
  /** Writes the snapshot of an already stored `motion` row. Throws a StorageError. */
  attachSnapshot(id: number, jpeg: Buffer): void;
  /** Remembers how far an open motion event got, so a crash can close it at its last known frame. */
  noteProgress(progress: MotionProgress): void;
  /** `motion` rows without a `motion-end`: events a crash left open. */
  openMotions(): OpenMotion[];
  /** Records ids that were announced but could never be stored (queue overflow while storage failed). */
  recordLost(firstId: number, lastId: number): void;
  /** Stored events with id > `after`, oldest first, at most `limit`. */
  after(after: number, limit: number): StoredRow[];
  /** `motion` events with id < `before` (all when null) that pass `filter`, newest first, each with its end. */
  page(before: number | null, limit: number, filter?: EventFilter): EventPage;
  /** Motion events not yet reviewed. */
  unreviewedCount(): number;
  /** Marks motion events reviewed; returns the ids that were not yet. Throws a StorageError. */
  markReviewed(ids: number[]): number[];
  /** Marks every motion event up to `throughId` reviewed; returns how many were not yet. Throws a StorageError. */
  markReviewedThrough(throughId: number): number;
  /**
   * Deletes a motion event: its rows (start, labels, end) and snapshot file. Resolves false when there was none.
   * Throws a StorageError.
   */
  remove(id: number): Promise<boolean>;
  /** One `motion` event with its end, or null. */
  get(id: number): EventRecord | null;
  /** Path of the snapshot JPEG of a stored `motion` event, or null when there is none. */
  snapshotPath(id: number): string | null;
  /** Applies retention now; resolves when rows and files are gone. */
  prune(): Promise<number>;
  close(): void;
}
