import type { ChildProcess } from 'node:child_process';

/** Every capture child alive now (ffmpeg, rpicam-vid, probes), so a forced exit can take them along. */
const alive = new Set<ChildProcess>();

/** Registers a child until it exits. */
export function track<T extends ChildProcess>(child: T): T {
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  child.once('error', () => alive.delete(child));
  return child;
}

/**
 * SIGKILLs every tracked child, synchronously: called just before a forced `process.exit`, when there
 * is no time left for a clean stop, so that no ffmpeg outlives the app as an orphan.
 */
export function killAll(): number {
  for (const child of alive) child.kill('SIGKILL');
  return alive.size;
}
