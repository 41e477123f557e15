/**
 * `npm run bench:detect`: replays the scenario clips to this detector and to Motion 4.5, and prints
 * per scenario: true events, found, false, onset delay, end after the motion left, CPU ms per frame.
 * Then the detector's time per frame at analysis width 160 and 320 on the wasm and cpu backends.
 *
 * Options: --only walk,lights   run some scenarios; --no-motion   skip Motion;
 *          --motion-lightswitch N   Motion's lightswitch_percent (default 0, Motion's own default).
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '../src/main/motion/backend';
import { decodeGray, ensureClip } from '../src/main/motion/scenarios/clip';
import { replay, type Score, scenarioSettings, score } from '../src/main/motion/scenarios/replay';
import { FPS, HEIGHT, scenarios, WIDTH } from '../src/main/motion/scenarios/scenarios';
import { runMotion } from './detect-motion';
import { childrenCpuMs } from './detect-proc';
import { measureSpeed } from './detect-speed';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'no-motion': { type: 'boolean', default: false },
    'motion-lightswitch': { type: 'string', default: '0' },
  },
});
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
    'Onset: ms from the first frame showing the object to the event start (ours: trigger frame time + decode + detect time per frame; Motion: its on_event_start hook).',
  );
  console.log(
    'End: s from the object leaving to the event end (ours: last moving frame + eventGap; Motion: its on_event_end hook).\n',
  );

  for (const scenario of chosen) {
    const clip = await ensureClip(scenario);
    const settings = scenarioSettings(scenario);
    const before = childrenCpuMs();
    const frames = await decodeGray(clip, analysisWidth);
    const decodeMs = (childrenCpuMs() - before) / frames.length;
    replay(frames.slice(0, 30), analysisWidth, settings); // warm-up: the first frames compile kernels
    const ours = replay(frames, analysisWidth, settings);
    const ourScore = score(ours.events, scenario.truth);
    const latency = (decodeMs + ours.cpuMsPerFrame) / 1000;
    ourScore.onsets = ourScore.onsets.map((o) => o + latency);
    const ourEnd = ourScore.endLags.map((lag) => (lag === null ? null : lag + settings.eventGap));

    console.log(`## ${scenario.name}: ${scenario.description} (${scenario.seconds} s)\n`);
    console.log('| detector | true events | found | false | onset ms | end s after leaving | CPU ms/frame |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(
      row(
        'Motion Kiosk',
        ourScore,
        ourEnd,
        `${(ours.cpuMsPerFrame + decodeMs).toFixed(2)} (detect ${ours.cpuMsPerFrame.toFixed(2)} + ffmpeg decode ${decodeMs.toFixed(2)})`,
      ),
    );
    if (motion) {
      const run = await runMotion(clip, scenario, {
        workDir: join('bench', '.work', 'motion', scenario.name),
        settings,
        lightswitchPercent: lightswitch,
      });
      const s = score(run.events, scenario.truth);
      const ends = run.events.map((e, i) => ({ e, end: run.endHooks[i] }));
      const endAfter = scenario.truth.flatMap(([from, to]) => {
        const match = ends.find(({ e }) => e.start >= from && e.start <= to + 1);
        return match ? [match.end === null ? null : match.end - to] : [];
      });
      console.log(row(`Motion ${motion}`, s, endAfter, run.cpuMsPerFrame.toFixed(2)));
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
