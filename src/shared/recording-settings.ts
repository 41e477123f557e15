import { z } from 'zod';

/** Settings of clips and their retention; part of `Settings` (see settings.ts). */
export const recordingFields = {
  /** Record a clip of every motion event. Default true. */
  recordClips: z.boolean(),
  /** Seconds recorded before the motion started (kept in memory until then). Default 3. */
  preRoll: z.number().min(0).max(30),
  /** Seconds recorded after the motion ended. Default 3. */
  postRoll: z.number().min(0).max(60),
  /** Longest clip, in seconds; a longer event keeps only its first part. Default 120. */
  maxClipSeconds: z.number().min(5).max(3600),
  /** Days a clip is kept (its event stays in the history). 0 = no age limit. Default 30. */
  clipDays: z.number().min(0).max(3650),
  /** Clips kept at most; the oldest go first. 0 = no count limit. Default 1000. */
  clipCount: z.number().int().min(0).max(1_000_000),
  /** Gigabytes of clips and pictures kept at most. 0 = only the free-space reserve limits them. Default 0. */
  clipGigabytes: z.number().min(0).max(100_000),
  /**
   * Megabytes of disk always left free, by deleting the oldest clips first.
   * 0 = automatic: 1 GiB or 10 % of the disk, whichever is less. Default 0.
   */
  diskReserveMegabytes: z.number().min(0).max(10_000_000),
};

export const defaultRecordingSettings = {
  recordClips: true,
  preRoll: 3,
  postRoll: 3,
  maxClipSeconds: 120,
  clipDays: 30,
  clipCount: 1000,
  clipGigabytes: 0,
  diskReserveMegabytes: 0,
};
