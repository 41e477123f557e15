import { signal } from '@preact/signals';
import type { MotionLevel } from '../../shared/events';
import { fetchLevels } from '../net/api';
import { withNextPicture } from './screen-updates';

/** Seconds of `level` history the graph shows. */
export const levelWindowSeconds = 60;

/**
 * The last minute of `event: level` samples, oldest first. Kept in a plain array (at most ~300
 * samples at 5/s) and announced through `levelsVersion`, so a new sample costs no copy.
 */
export const levelSamples: MotionLevel[] = [];

/**
 * Bumped when new samples are to be shown: with the next live picture (see `withNextPicture`), so the
 * graph and its caption change in the same frame as the picture. `levelSamples` itself is current at once.
 */
export const levelsVersion = signal(0);

const showLevels = () => {
  levelsVersion.value++;
};

let skew: number | null = null;

/** The server's clock now, in Unix seconds, as learnt from its `level` timestamps. */
export function serverNow(): number {
  return Date.now() / 1000 - (skew ?? 0);
}

function trim(newest: number): void {
  const oldest = newest - levelWindowSeconds - 2;
  let drop = 0;
  while (drop < levelSamples.length && levelSamples[drop].ts < oldest) drop++;
  if (drop > 0) levelSamples.splice(0, drop);
}

export function addLevel(level: MotionLevel): void {
  skew = Date.now() / 1000 - level.ts;
  levelSamples.push(level);
  trim(level.ts);
  withNextPicture(showLevels);
}

/**
 * Fills the graph from the server's recent history (`GET /api/levels`): on load, and after a lost
 * connection, so the graph shows what the server saw rather than an empty or bridged stretch.
 */
export async function loadLevelHistory(): Promise<void> {
  let history: MotionLevel[];
  try {
    history = await fetchLevels(levelWindowSeconds);
  } catch {
    return; // an older server without the route, or no connection: the graph fills live
  }
  const known = new Set(levelSamples.map((l) => l.ts));
  const merged = [...levelSamples, ...history.filter((l) => !known.has(l.ts))].sort((a, b) => a.ts - b.ts);
  levelSamples.splice(0, levelSamples.length, ...merged);
  const newest = levelSamples.at(-1);
  if (newest) {
    skew ??= Date.now() / 1000 - newest.ts;
    trim(newest.ts);
  }
  levelsVersion.value++;
}

/** The latest change score, or null before the first sample. */
export function currentLevel(): MotionLevel | null {
  return levelSamples.at(-1) ?? null;
}
