import { readdirSync, readFileSync } from 'node:fs';
import { processCpuMs } from './detect-proc';

const ticksPerSecond = 100;

/** Parent pid and the reaped children's CPU (cutime + cstime, ms) of a process, from /proc/PID/stat. */
function stat(pid: number): { ppid: number; reapedMs: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, ppid 4, cutime 16, cstime 17 (1-based in proc(5)).
    return { ppid: Number(f[1]), reapedMs: ((Number(f[13]) + Number(f[14])) * 1000) / ticksPerSecond };
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) of a process and all its descendants: the live ones read one by one, the exited ones
 * through their parents' cutime/cstime. What "the app and its children" cost.
 */
export function treeCpuMs(root: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) parents.set(Number(name), s.ppid);
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) {
    try {
      total += processCpuMs(pid) + (pid === root ? (stat(pid)?.reapedMs ?? 0) : 0);
    } catch {
      // Exited between listing and reading: its time is in its parent's cutime once reaped.
    }
  }
  return total;
}
