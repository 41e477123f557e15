import { readdirSync, readFileSync } from 'node:fs';
import { ticksPerSecond } from './detect-proc';

/** One process's CPU (all its threads) and memory at one moment. */
export interface ProcSample {
  pid: number;
  name: string;
  /** CPU ms in user mode and in the kernel since the process started. */
  user: number;
  kernel: number;
  /** Resident set size, MB. */
  rssMb: number;
}

function stat(
  pid: number,
  file = `/proc/${pid}/stat`,
): { name: string; ppid: number; user: number; kernel: number } | null {
  try {
    const text = readFileSync(file, 'utf8');
    const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // proc(5): fields 4 (ppid), 14 (utime), 15 (stime); f[0] is field 3.
    const ms = (ticks: string) => (Number(ticks) * 1000) / ticksPerSecond;
    return { name, ppid: Number(f[1]), user: ms(f[11]), kernel: ms(f[12]) };
  } catch {
    return null; // exited meanwhile
  }
}

function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** CPU ms (user + kernel) of a process's main thread since it started; 0 once it has exited. */
export function mainThreadMs(pid: number): number {
  const s = stat(pid, `/proc/${pid}/task/${pid}/stat`);
  return s ? s.user + s.kernel : 0;
}

/** The process and all its descendants, parents first. */
export function processTree(root: number): ProcSample[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) parents.set(s.ppid, [...(parents.get(s.ppid) ?? []), pid]);
  }
  const out: ProcSample[] = [];
  const visit = (pid: number) => {
    const s = stat(pid);
    if (!s) return;
    out.push({ pid, name: s.name, user: s.user, kernel: s.kernel, rssMb: rssMb(pid) });
    for (const child of parents.get(pid) ?? []) visit(child);
  };
  visit(root);
  return out;
}

/** CPU used between two samples of a tree, per process name; a process new in `after` counts from 0. */
export function cpuBetween(
  before: ProcSample[],
  after: ProcSample[],
): Map<string, { user: number; kernel: number; rssMb: number }> {
  const out = new Map<string, { user: number; kernel: number; rssMb: number }>();
  for (const p of after) {
    const b = before.find((q) => q.pid === p.pid);
    const prev = out.get(p.name) ?? { user: 0, kernel: 0, rssMb: 0 };
    out.set(p.name, {
      user: prev.user + p.user - (b?.user ?? 0),
      kernel: prev.kernel + p.kernel - (b?.kernel ?? 0),
      rssMb: prev.rssMb + p.rssMb,
    });
  }
  return out;
}
