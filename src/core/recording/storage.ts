import { rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { StorageState } from '../../shared/recording';
import type { ClipDb, ClipRow } from './clip-db';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Retention limits of recordings, from the settings. */
export interface StorageLimits {
  /** 0 = none. */
  clipDays: number;
  clipCount: number;
  clipGigabytes: number;
  /** 0 = automatic: min(1 GiB, 10 % of the file system). */
  diskReserveMegabytes: number;
}

/** Free bytes always kept on a file system of `total` bytes. */
export function reserveBytes(limits: StorageLimits, total: number): number {
  return limits.diskReserveMegabytes > 0 ? limits.diskReserveMegabytes * MiB : Math.min(GiB, total * 0.1);
}

/**
 * Keeps recordings within their limits and the disk's free-space reserve, deleting whole recordings,
 * oldest first. An event's row is never touched: its clip row says `pruned` and why. When nothing more
 * can be deleted and the reserve is still not met, `problem` says so and new clips are skipped, while
 * detection and events go on.
 */
export class RecordingStorage {
  #state: StorageState;
  #running: Promise<void> | null = null;

  constructor(
    private readonly root: string,
    private readonly db: ClipDb,
    private readonly limits: () => StorageLimits,
    private readonly log: Logger,
  ) {
    this.#state = {
      usedBytes: 0,
      clips: 0,
      freeBytes: 0,
      totalBytes: 0,
      reserveBytes: 0,
      oldest: null,
      retention: retentionOf(limits()),
      problem: null,
    };
  }

  /** The last check's figures, with the limits in force now (a settings change shows before the next check). */
  get state(): StorageState {
    return { ...this.#state, retention: retentionOf(this.limits()) };
  }

  /** Applies the limits now; `active` recordings are never deleted. One run at a time. */
  enforce(active: Set<number> = new Set()): Promise<void> {
    this.#running ??= this.#enforce(active)
      .catch((err) => this.log.error({ err }, 'could not apply recording retention'))
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  async #enforce(active: Set<number>): Promise<void> {
    const limits = this.limits();
    const maxBytes = limits.clipGigabytes * GiB;
    let disk = await this.#disk();
    const reserve = reserveBytes(limits, disk.total);
    const kept = this.db.kept().filter((row) => !active.has(row.eventId));
    let { bytes, clips } = this.db.usage();
    for (const row of kept) {
      const why = this.#reason(row, limits, { bytes, clips, maxBytes, free: disk.free, reserve });
      if (!why) continue;
      await rm(join(this.root, String(row.eventId)), { recursive: true, force: true });
      this.db.markPruned(row.eventId, why);
      bytes -= row.bytes;
      clips--;
      disk = { ...disk, free: disk.free + row.bytes };
      this.log.info({ eventId: row.eventId, why }, 'recording pruned');
    }
    disk = await this.#disk();
    const usage = this.db.usage();
    const problem =
      disk.free < reserve
        ? `disk nearly full: ${mb(disk.free)} MB free, ${mb(reserve)} MB must stay free, and no recording is left to delete; new clips are not recorded`
        : null;
    if (problem && problem !== this.#state.problem) this.log.warn(problem);
    this.#state = {
      usedBytes: usage.bytes,
      clips: usage.clips,
      freeBytes: disk.free,
      totalBytes: disk.total,
      reserveBytes: reserve,
      oldest: usage.oldest === null ? null : usage.oldest / 1000,
      retention: retentionOf(limits),
      problem,
    };
  }

  /** Why `row` must go now, or null when it may stay. Checked oldest first, so it stops at the first keeper. */
  #reason(
    row: ClipRow,
    limits: StorageLimits,
    now: { bytes: number; clips: number; maxBytes: number; free: number; reserve: number },
  ): string | null {
    if (limits.clipDays > 0 && row.end < Date.now() - limits.clipDays * 86_400_000)
      return `older than ${limits.clipDays} days`;
    if (limits.clipCount > 0 && now.clips > limits.clipCount)
      return `more than ${limits.clipCount} clips kept`;
    if (now.maxBytes > 0 && now.bytes > now.maxBytes) return `clips over ${limits.clipGigabytes} GB`;
    if (now.free < now.reserve) return `disk nearly full (${mb(now.reserve)} MB kept free)`;
    return null;
  }

  async #disk(): Promise<{ free: number; total: number }> {
    const fs = await statfs(this.root);
    return { free: fs.bavail * fs.bsize, total: fs.blocks * fs.bsize };
  }
}

function retentionOf(limits: StorageLimits): StorageState['retention'] {
  return { maxAgeDays: limits.clipDays, maxClips: limits.clipCount, maxBytes: limits.clipGigabytes * GiB };
}

function mb(bytes: number): number {
  return Math.round(bytes / MiB);
}
