import { signal } from '@preact/signals';
import type { MotionLevel } from '../../shared/events';

/** Seconds of `level` history the graph shows. */
export const levelWindowSeconds = 60;

/**
 * The last minute of `event: level` samples. Kept in a plain array (at most ~300 samples at 5/s)
 * and announced through `levelsVersion`, so a new sample costs no copy.
 */
export const levelSamples: MotionLevel[] = [];

/** Bumped on every sample; the graph redraws when it changes. */
export const levelsVersion = signal(0);

export function addLevel(level: MotionLevel): void {
  levelSamples.push(level);
  const oldest = level.ts - levelWindowSeconds - 2;
  let drop = 0;
  while (drop < levelSamples.length && levelSamples[drop].ts < oldest) drop++;
  if (drop > 0) levelSamples.splice(0, drop);
  levelsVersion.value++;
}

/** The latest change score, or null before the first sample. */
export function currentLevel(): MotionLevel | null {
  return levelSamples.at(-1) ?? null;
}
