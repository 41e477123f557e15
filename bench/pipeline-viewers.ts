import { type ClientRequest, get } from 'node:http';
import type { ProcSample } from './pipeline-proc';
import type { AppProcess, CameraProcess } from './pipeline-procs';
import { measureWindow, median, total } from './pipeline-window';

/** Opens `n` MJPEG viewers on the app that read and discard everything; returns a closer. */
function openViewers(url: string, n: number): { bytes: () => number; close: () => void } {
  let bytes = 0;
  const requests: ClientRequest[] = [];
  for (let i = 0; i < n; i++) {
    const req = get(`${url}/stream.mjpg`, (res) => {
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
    });
    req.on('error', () => {});
    requests.push(req);
  }
  const close = () => {
    for (const r of requests) r.destroy();
  };
  return { bytes: () => bytes, close };
}

/** The app's CPU per camera frame with 0, 1, 5 and 20 viewers attached, and the added cost per viewer. */
export async function measureViewers(
  app: AppProcess,
  camera: CameraProcess,
  trees: Map<string, () => ProcSample[]>,
  windowS: number,
  windows: number,
): Promise<void> {
  const appTree = new Map([['app', trees.get('app') ?? (() => [])]]);
  console.log(`\n## MJPEG viewers (median of ${windows} windows of ${windowS} s each)\n`);
  console.log(
    '| viewers | app CPU ms per camera frame | added per viewer, ms per frame | MB/s sent to viewers |',
  );
  console.log('|---|---|---|---|');
  let base = Number.NaN;
  for (const n of [0, 1, 5, 20]) {
    const viewers = openViewers(app.url, n);
    const cpu: number[] = [];
    const b0 = viewers.bytes();
    const t0 = performance.now();
    for (let i = 0; i < windows; i++) {
      const w = await measureWindow(windowS, camera, app, appTree);
      cpu.push(total(w.trees.get('app')));
    }
    const rate = (viewers.bytes() - b0) / ((performance.now() - t0) / 1000) / 1e6;
    viewers.close();
    const m = median(cpu);
    if (n === 0) base = m;
    const added = n === 0 ? '–' : ((m - base) / n).toFixed(3);
    console.log(`| ${n} | ${m.toFixed(3)} | ${added} | ${rate.toFixed(1)} |`);
  }
}
