/**
 * `npm run bench:pipeline`: the app (its real CLI, `url:` source) and Motion 4.5 on the same simulated
 * network camera in the same run; CPU ms per camera frame per process (user, kernel), RSS, frames,
 * onset delay, and the ratio app / Motion, as medians over 10 s windows (one crossing each).
 *
 * Options: --size 640x480|1280x720 (default 640x480)   --fps N (30)   --camera bare|multipart (bare)
 *          --seconds N   measured time, in 10 s windows (60)   --no-motion
 *          --viewers     also measure with 1, 5 and 20 MJPEG viewers: added cost per viewer
 *          --kiosk       also measure headless Chromium showing the dashboard at 800x480
 *          --labels      run the app with object labels on (its onset delay and cost with labelling)
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ENGINE_V8_FLAGS } from '../scripts/engine-flags.mjs';
import { measureKiosk } from './pipeline-kiosk';
import { AppProcess, CameraProcess, MotionProcess } from './pipeline-procs';
import { measureViewers } from './pipeline-viewers';
import { costRows, measureWindow, median, onsets, total, treeOf, type Window } from './pipeline-window';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '640x480' },
    fps: { type: 'string', default: '30' },
    camera: { type: 'string', default: 'bare' },
    seconds: { type: 'string', default: '60' },
    'no-motion': { type: 'boolean', default: false },
    viewers: { type: 'boolean', default: false },
    kiosk: { type: 'boolean', default: false },
    labels: { type: 'boolean', default: false },
  },
});
const size = /^(\d+)x(\d+)$/.exec(args.size ?? '');
if (!size) throw new Error('--size must be WIDTHxHEIGHT, e.g. 640x480 or 1280x720');
const dims: [number, number] = [Number(size[1]), Number(size[2])];
const fps = Number(args.fps);
if (!Number.isInteger(fps) || fps < 1 || fps > 60) throw new Error('--fps must be a whole number 1..60');
if (args.camera !== 'bare' && args.camera !== 'multipart')
  throw new Error('--camera must be bare or multipart');
const WINDOW_S = 10;
const windows = Math.max(1, Math.round(Number(args.seconds) / WINDOW_S));

function hasMotion(): boolean {
  try {
    execFileSync('motion', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as { status?: number }).status !== undefined; // `motion -h` exits non-zero after its help
  }
}

const fmt = (x: number | null, digits = 0) => (x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits));

async function main(): Promise<void> {
  const work = join(tmpdir(), `bench-pipeline-${process.pid}`);
  const camera = new CameraProcess(args.size ?? '', fps, args.camera ?? 'bare');
  const ready = await camera.ready();
  const base = `http://127.0.0.1:${ready.port}`;
  const app = new AppProcess(
    `${base}/app.mjpg`,
    join(work, 'app'),
    await AppProcess.config(join(work, 'app'), dims, fps, args.labels),
  );
  const motion =
    !args['no-motion'] && hasMotion()
      ? await MotionProcess.start(`${base}/motion.mjpg`, join(work, 'motion'), dims, fps)
      : null;
  const stop = async () => {
    await Promise.all([app.stop(), motion?.stop()]);
    camera.stop();
  };
  try {
    await app.listening();
    const load0 = loadavg();
    console.log(`# Pipeline benchmark, ${new Date().toISOString()}`);
    console.log(
      `Machine: ${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}; load average at start ${load0.map((l) => l.toFixed(1)).join(' ')}`,
    );
    console.log(
      `Camera: ${args.size} @ ${fps} fps, ${args.camera} JPEGs over HTTP (own process), a ${ready.box.w}x${ready.box.h} box crossing every ${WINDOW_S} s; onset from frame ${ready.triggerFrame - ready.box.from} of each crossing (the first covering 2 % of the picture).`,
    );
    console.log(
      `App: MALLOC_ARENA_MAX=2 node ${ENGINE_V8_FLAGS.join(' ')} out/main/headless.js --source url:… (default settings but ${args.labels ? 'labels on (--labels) and clips off' : 'labels and clips off, as Motion runs with picture_output and movie_output off; bench:labels and bench:recording measure those'}). ${motion ? 'Motion 4.5: netcam on the same camera, same threshold, noise_level, minimum_motion_frames, event_gap.' : 'Motion: not run.'}`,
    );
    // Motion's ffmpeg probes and settles for several seconds; the app relearns its background at start.
    await sleep(12_000);
    const trees = new Map([
      ['app', treeOf(app.child.pid)],
      ['motion', treeOf(motion?.child.pid)],
    ]);
    const from = performance.timeOrigin + performance.now();
    const measured: Window[] = [];
    for (let i = 0; i < windows; i++) measured.push(await measureWindow(WINDOW_S, camera, app, trees));
    const triggers = camera.triggers.filter(
      (t) => t >= from && t < performance.timeOrigin + performance.now() - 3000,
    );
    report(measured, onsets(triggers, app.motions), motion ? onsets(triggers, await motion.starts()) : []);
    console.log(
      `Load average at end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    if (args.viewers) await measureViewers(app, camera, trees, WINDOW_S, Math.max(2, Math.ceil(windows / 2)));
    if (args.kiosk) await measureKiosk(app, camera, trees, WINDOW_S, Math.max(2, Math.ceil(windows / 2)));
  } finally {
    await stop();
  }
}

function report(measured: Window[], ours: (number | null)[], theirs: (number | null)[]): void {
  console.log(`\n## CPU per camera frame (median of ${measured.length} windows of ${WINDOW_S} s)\n`);
  console.log('| process | user ms | kernel ms | total ms | RSS MB |');
  console.log('|---|---|---|---|---|');
  for (const line of [...costRows('app', measured), ...costRows('motion', measured)]) console.log(line);
  const ratios = measured.map((w) => total(w.trees.get('app')) / total(w.trees.get('motion')));
  console.log(
    `\nRatio app / Motion per window: ${ratios.map((r) => fmt(r, 2)).join(', ')}; **median ${fmt(median(ratios), 2)}**`,
  );
  const sum = (f: (w: Window) => number) => measured.reduce((s, w) => s + f(w), 0);
  console.log(
    `\nFrames (all windows): camera ticks ${sum((w) => w.frames)}; app: sent ${sum((w) => w.app.sent)}, skipped by the camera ${sum((w) => w.app.skipped)}, received ${sum((w) => w.app.received)}, analysed ${sum((w) => w.app.analysed)}; Motion: sent ${sum((w) => w.motion.sent)}, skipped by the camera ${sum((w) => w.motion.skipped)}.`,
  );
  const line = (name: string, xs: (number | null)[]) => {
    const ok = xs.filter((x): x is number => x !== null);
    console.log(
      `Onset ${name}: ${xs.map((x) => fmt(x)).join(', ')} ms; median ${fmt(median(ok))}, max ${fmt(ok.length ? Math.max(...ok) : null)}; missed ${xs.length - ok.length} of ${xs.length}`,
    );
  };
  line('app (SSE `motion` received)', ours);
  if (theirs.length) line('Motion (on_event_start hook)', theirs);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
