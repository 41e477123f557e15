/**
 * `npm run bench:detect`: replays the scenario clips to this detector and to Motion 4.5, and prints
 * per scenario: true events, found, false, onset delay, end after the motion left, CPU ms per frame.
 * Then the detector's time per frame at analysis width 160 and 320 on the wasm and cpu backends.
 *
 * Options: --only walk,lights   run some scenarios; --no-motion   skip Motion;
 *          --motion-lightswitch N   Motion's lightswitch_percent (default 0, Motion's own default);
 *          --camera bare|multipart   how the HTTP camera sends JPEGs to our live run (default: both, one row
 *          each; Motion always reads bare JPEGs, which its netcam needs).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '../src/core/motion/backend';
import { decodeGray, ensureClip } from '../src/core/motion/scenarios/clip';
import {
  type DetectedEvent,
  replay,
  type Score,
  scenarioSettings,
  score,
} from '../src/core/motion/scenarios/replay';
import { FPS, HEIGHT, scenarios, WIDTH } from '../src/core/motion/scenarios/scenarios';
import type { StreamFormat } from './detect-camera';
import { runLive } from './detect-live';
import { runMotion } from './detect-motion';
import { childrenCpuMs } from './detect-proc';
import { measureSpeed } from './detect-speed';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'no-motion': { type: 'boolean', default: false },
    'motion-lightswitch': { type: 'string', default: '0' },
    camera: { type: 'string' },
  },
});
const cameraFormats: StreamFormat[] = args.camera ? [args.camera as StreamFormat] : ['bare', 'multipart'];
if (!cameraFormats.every((f) => f === 'bare' || f === 'multipart'))
  throw new Error('--camera must be bare or multipart');
const lightswitch = Number(args['motion-lightswitch']);
if (!Number.isFinite(lightswitch) || lightswitch < 0 || lightswitch > 100) {
  throw new Error('--motion-lightswitch must be a percentage 0..100');
}
const chosen = args.only ? scenarios.filter((s) => args.only?.split(',').includes(s.name)) : scenarios;
if (chosen.length === 0)
  throw new Error(`--only matched no scenario; names: ${scenarios.map((s) => s.name).join(', ')}`);

function motionVersion(): string | null {
  try {
    return (
      execFileSync('motion', ['-h'], { encoding: 'utf8' }).match(/motion Version (\S+)/)?.[1] ?? 'unknown'
    );
  } catch (err) {
    // `motion -h` exits non-zero after printing its help.
    const out = String((err as { stdout?: string }).stdout ?? '');
    return out.match(/motion Version (\S+),/)?.[1] ?? null;
  }
}

const ms = (s: number) => `${Math.round(s * 1000)}`;
const list = (xs: (number | null)[], f: (x: number) => string) =>
  xs.length ? xs.map((x) => (x === null ? 'open' : f(x))).join(', ') : '–';

function row(name: string, s: Score, endAfter: (number | null)[], cpu: string): string {
  return `| ${name} | ${s.truth} | ${s.found} | ${s.falseEvents} | ${list(s.onsets, ms)} | ${list(endAfter, (x) => x.toFixed(1))} | ${cpu} |`;
}

/** For each truth interval with an event (matched as `score` does), seconds from its end to the event's end. */
function endsAfter(
  truth: [number, number][],
  events: DetectedEvent[],
  ends: (number | null)[],
): (number | null)[] {
  return truth.flatMap(([from, to]) => {
    const i = events.findIndex((e) => e.start >= from && e.start <= to + 1);
    if (i < 0) return [];
    const end = ends[i];
    return [end === null ? null : end - to];
  });
}

async function main(): Promise<void> {
  const backend = await selectBackend();
  const motion = args['no-motion'] ? null : motionVersion();
  const analysisWidth = 160;
  console.log(`# Detection benchmark, ${new Date().toISOString()}`);
  console.log(
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, tfjs backend ${backend}.`,
  );
  console.log(
    `Clips: ${WIDTH}x${HEIGHT} MJPEG @ ${FPS} fps. This detector: analysis width ${analysisWidth}, default settings.`,
  );
  console.log(
    motion
      ? `Motion ${motion}: netcam over HTTP, framerate ${FPS}, same threshold (pixels), noise_level, minimum_motion_frames and event_gap; lightswitch_percent ${lightswitch}.`
      : 'Motion: not run (--no-motion, or `motion` is not installed).',
  );
  console.log(
    'Rows: "live" = the clip played in real time over HTTP (bare concatenated JPEGs or multipart) to the app\'s url: source and a MotionMonitor, wall clock; ' +
      '"replay" = the decoded clip fed frame by frame with its own timestamps (onset = trigger frame time + decode + detect CPU per frame); ' +
      'Motion = the same HTTP stream, times of its on_event_start / on_event_end hooks.',
  );
  console.log(
    'Onset: ms from the first frame showing the object. End: s from the object leaving to the event end.',
  );
  console.log(
    'CPU: ours from the replay (detector + tracker in Node, plus ffmpeg decoding); Motion: its process while the clip played.\n',
  );

  for (const scenario of chosen) {
    const clip = await ensureClip(scenario);
    const settings = scenarioSettings(scenario);
    const before = childrenCpuMs();
    const frames = await decodeGray(clip, analysisWidth);
    const decodeMs = (childrenCpuMs() - before) / frames.length;
    replay(frames, analysisWidth, settings); // warm-up: kernels compiled, JIT settled
    const ours = replay(frames, analysisWidth, settings);
    const ourScore = score(ours.events, scenario.truth);
    const latency = (decodeMs + ours.cpuMsPerFrame) / 1000;
    ourScore.onsets = ourScore.onsets.map((o) => o + latency);
    const ourEnd = ourScore.endLags.map((lag) => (lag === null ? null : lag + settings.eventGap));

    console.log(`## ${scenario.name}: ${scenario.description} (${scenario.seconds} s)\n`);
    console.log('| detector | true events | found | false | onset ms | end s after leaving | CPU ms/frame |');
    console.log('|---|---|---|---|---|---|---|');
    const cpu = `${(ours.cpuMsPerFrame + decodeMs).toFixed(2)} (detect ${ours.cpuMsPerFrame.toFixed(2)} + decode ${decodeMs.toFixed(2)})`;
    for (const format of cameraFormats) {
      const live = await runLive(clip, scenario, settings, format);
      console.log(
        row(
          `Motion Kiosk, live (${format} JPEGs)`,
          score(live.events, scenario.truth),
          endsAfter(scenario.truth, live.events, live.endEmits),
          cpu,
        ),
      );
    }
    console.log(row('Motion Kiosk, replay', ourScore, ourEnd, cpu));
    if (motion) {
      const run = await runMotion(clip, scenario, {
        workDir: join('bench', '.work', 'motion', scenario.name),
        settings,
        lightswitchPercent: lightswitch,
      });
      const endAfter = endsAfter(scenario.truth, run.events, run.endHooks);
      console.log(
        row(`Motion ${motion}`, score(run.events, scenario.truth), endAfter, run.cpuMsPerFrame.toFixed(2)),
      );
      if (run.leadInEvents > 0)
        console.log(`\nMotion started ${run.leadInEvents} event(s) during the still lead-in (not scored).`);
    }
    console.log('');
  }

  console.log('## Detector time per frame (walk clip, default settings)\n');
  console.log('| backend | analysis width | wall ms/frame | CPU ms/frame |');
  console.log('|---|---|---|---|');
  const walk = scenarios.find((s) => s.name === 'walk') ?? scenarios[0];
  for (const width of [160, 320]) {
    const frames = await decodeGray(await ensureClip(walk), width);
    for (const name of ['wasm', 'cpu'] as const) {
      const r = await measureSpeed(name, frames, width);
      console.log(`| ${r.backend} | ${width} | ${r.wallMs.toFixed(2)} | ${r.cpuMs.toFixed(2)} |`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
