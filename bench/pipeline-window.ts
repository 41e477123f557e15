import { setTimeout as sleep } from 'node:timers/promises';
import { cpuBetween, type ProcSample, processTree } from './pipeline-proc';
import type { AppProcess, CameraProcess } from './pipeline-procs';

/** CPU per camera frame of one process (or all processes of one name in a tree). */
export interface ProcCost {
  name: string;
  /** CPU ms per camera frame. */
  user: number;
  kernel: number;
  rssMb: number;
}

/** One measurement window: every watched tree's cost over the same camera frames. */
export interface Window {
  /** Frames the camera clock ticked during the window. */
  frames: number;
  /** Per watched tree (by label), each process name's cost. */
  trees: Map<string, ProcCost[]>;
  app: { sent: number; skipped: number; received: number; analysed: number };
  motion: { sent: number; skipped: number };
}

export const total = (costs: ProcCost[] | undefined) =>
  (costs ?? []).reduce((sum, c) => sum + c.user + c.kernel, 0);
export const rss = (costs: ProcCost[] | undefined) => (costs ?? []).reduce((sum, c) => sum + c.rssMb, 0);

/**
 * Measures `seconds` of the run: CPU of each watched tree (root pid, or a function listing pids) from
 * /proc at both ends, divided by the frames the camera sent meanwhile; RSS at the end.
 */
export async function measureWindow(
  seconds: number,
  camera: CameraProcess,
  app: AppProcess,
  trees: Map<string, () => ProcSample[]>,
): Promise<Window> {
  const before = new Map([...trees].map(([label, list]) => [label, list()]));
  const [c0, f0] = await Promise.all([camera.counts(), app.frames()]);
  await sleep(seconds * 1000);
  const [c1, f1] = await Promise.all([camera.counts(), app.frames()]);
  const frames = c1.ticks - c0.ticks;
  const out = new Map<string, ProcCost[]>();
  for (const [label, list] of trees) {
    const used = cpuBetween(before.get(label) ?? [], list());
    out.set(
      label,
      [...used].map(([name, u]) => ({
        name,
        user: u.user / frames,
        kernel: u.kernel / frames,
        rssMb: u.rssMb,
      })),
    );
  }
  const d = (a: Record<string, number>, b: Record<string, number>, k: string) => (b[k] ?? 0) - (a[k] ?? 0);
  return {
    frames,
    trees: out,
    app: {
      sent: d(c0.sent, c1.sent, '/app.mjpg'),
      skipped: d(c0.skipped, c1.skipped, '/app.mjpg'),
      received: f1.received - f0.received,
      analysed: f1.analysed - f0.analysed,
    },
    motion: { sent: d(c0.sent, c1.sent, '/motion.mjpg'), skipped: d(c0.skipped, c1.skipped, '/motion.mjpg') },
  };
}

/** A tree to watch: the process and its descendants (ffmpeg under the app). */
export const treeOf = (pid: number | undefined) => () => (pid ? processTree(pid) : []);

export const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** For each trigger, ms until the first start within [-200 ms, 3 s] of it (null: none). */
export function onsets(triggers: number[], starts: number[]): (number | null)[] {
  return triggers.map((t) => {
    const s = starts.find((x) => x >= t - 200 && x <= t + 3000);
    return s === undefined ? null : s - t;
  });
}

/** Median per process name of a tree over windows, as table rows. */
export function costRows(label: string, windows: Window[]): string[] {
  const names = [...new Set(windows.flatMap((w) => (w.trees.get(label) ?? []).map((c) => c.name)))];
  const pick = (name: string, f: (c: ProcCost) => number) =>
    median(windows.map((w) => f(w.trees.get(label)?.find((c) => c.name === name) ?? zero)));
  const rows = names.map(
    (name) =>
      `| ${label}: ${name} | ${pick(name, (c) => c.user).toFixed(3)} | ${pick(name, (c) => c.kernel).toFixed(3)} | ${pick(name, (c) => c.user + c.kernel).toFixed(3)} | ${pick(name, (c) => c.rssMb).toFixed(0)} |`,
  );
  const sum = median(windows.map((w) => total(w.trees.get(label))));
  const mem = median(windows.map((w) => rss(w.trees.get(label))));
  return [...rows, `| **${label} total** | | | **${sum.toFixed(3)}** | **${mem.toFixed(0)}** |`];
}

const zero: ProcCost = { name: '', user: 0, kernel: 0, rssMb: 0 };
