/**
 * `npm run bench:recording`: CPU of the app and its children while an event is recorded, with recording on
 * and off, side by side in one run (rounds alternate), and the same for Motion 4.5 with `movie_output on` and
 * off, on the same stream (an HTTP camera playing one walk across the room) and the same event.
 * Prints medians per variant: CPU % of one core over the clip, recorded seconds, and the added CPU.
 *
 * Options: --rounds N (default 3); --no-motion.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HEIGHT, WIDTH } from '../src/core/motion/scenarios/scenarios';
import { walkClip, walkThenStill } from '../src/core/recording/testing/walk-clip';
import type { EventPage } from '../src/shared/api';
import { startClipCamera } from './detect-camera';
import { treeCpuMs } from './recording-proc';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, 'no-motion': { type: 'boolean', default: false } },
});
const rounds = Number(args.rounds);
const headless = new URL('../src/core/headless.ts', import.meta.url).pathname;

interface Sample {
  cpuPercent: number;
  recordedSeconds: number;
}

type Variant =
  | 'app, recording on'
  | 'app, recording off'
  | 'Motion, movie_output on'
  | 'Motion, movie_output off';

/** Plays the clip once to a process started by `launch`, measuring its tree's CPU over the clip only. */
async function measure(
  launch: (url: string, dir: string) => ChildProcess,
  recorded: (dir: string, proc: ChildProcess) => Promise<number>,
): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'mk-bench-rec-'));
  let proc: ChildProcess | null = null;
  let start = 0;
  let end = 0;
  let t0 = 0;
  let t1 = 0;
  const camera = await startClipCamera(await walkClip(), {
    leadInSeconds: 8,
    tailSeconds: 1,
    onClipStart: () => {
      t0 = performance.now();
      start = treeCpuMs(proc?.pid ?? 0);
    },
    onClipEnd: () => {
      t1 = performance.now();
      end = treeCpuMs(proc?.pid ?? 0);
    },
  });
  proc = launch(camera.url, dir);
  // Bounded: a process that never reads the whole clip (crashed, stalled) ends the run, not the bench.
  await Promise.race([camera.played, new Promise((resolve) => setTimeout(resolve, 120_000).unref())]);
  const seconds = await recorded(dir, proc);
  proc.kill('SIGTERM');
  await once(proc, 'exit');
  camera.close();
  rmSync(dir, { recursive: true, force: true });
  return { cpuPercent: ((end - start) / (t1 - t0)) * 100, recordedSeconds: seconds };
}

function app(recordClips: boolean): Promise<Sample> {
  let base = '';
  return measure(
    (url, dir) => {
      const config = join(dir, 'config.json');
      // Labels off in both variants: their worker's CPU during the event would swamp the difference measured here.
      writeFileSync(config, JSON.stringify({ settings: { recordClips, labels: false } }));
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', headless, '--port', '0', '--host', '127.0.0.1', '--no-auth'].concat([
          '--source',
          `url:${url}`,
          '--data-dir',
          join(dir, 'data'),
          '--config',
          config,
        ]),
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      child.stdout?.on('data', (text: Buffer) => {
        base = /listening on (\S+)/.exec(text.toString())?.[1] ?? base;
      });
      return child;
    },
    async () => {
      // The clip ends postRoll after the motion; wait (bounded) for it to be stored.
      let page: EventPage = { events: [], nextBefore: null };
      for (let i = 0; i < 40; i++) {
        page = (await (await fetch(`${base}/api/events`)).json()) as EventPage;
        if (page.events.length > 0 && page.events.every((e) => e.clip && e.clip.state !== 'recording')) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (process.env.BENCH_DEBUG) console.log(JSON.stringify(page.events));
      return page.events.reduce((sum, e) => sum + (e.clip ? e.clip.end - e.clip.start : 0), 0);
    },
  );
}

function motion(movies: boolean): Promise<Sample> {
  return measure(
    (url, dir) => {
      const config = join(dir, 'motion.conf');
      const lines = [
        'daemon off',
        'log_level 4',
        `target_dir ${dir}`,
        `netcam_url ${url}`,
        'netcam_params capture_rate=60',
        ...[
          `width ${WIDTH}`,
          `height ${HEIGHT}`,
          'framerate 30',
          'event_gap 5',
          'pre_capture 3',
          'post_capture 90',
        ],
        `movie_output ${movies ? 'on' : 'off'}`,
        ...['picture_output off', 'webcontrol_port 0', 'stream_port 0', ''],
      ];
      writeFileSync(config, lines.join('\n'));
      return spawn('motion', ['-n', '-c', config], { stdio: 'ignore' });
    },
    async (dir) => {
      let total = 0;
      for (const name of readdirSync(dir).filter((n) => /\.(mkv|mp4|avi)$/.test(n))) {
        const out = execFileSync('ffprobe', [
          ...['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', join(dir, name)],
        ]);
        total += Number(out.toString().trim()) || 0;
      }
      return total;
    },
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const hasMotion =
    !args['no-motion'] &&
    (() => {
      try {
        execFileSync('motion', ['-h'], { stdio: 'ignore' });
        return true;
      } catch (err) {
        return (err as { status?: number }).status !== undefined;
      }
    })();
  const variants: [Variant, () => Promise<Sample>][] = [
    ['app, recording on', () => app(true)],
    ['app, recording off', () => app(false)],
  ];
  if (hasMotion)
    variants.push(
      ['Motion, movie_output on', () => motion(true)],
      ['Motion, movie_output off', () => motion(false)],
    );
  const samples = new Map<Variant, Sample[]>(variants.map(([name]) => [name, []]));
  console.log(
    `${cpus().length} × ${cpus()[0]?.model}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`clip: ${walkThenStill.seconds} s, ${walkThenStill.description}; ${rounds} rounds`);
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of variants) {
      const sample = await run();
      samples.get(name)?.push(sample);
      console.log(
        `round ${r + 1} ${name}: ${sample.cpuPercent.toFixed(1)} % CPU, ${sample.recordedSeconds.toFixed(1)} s recorded`,
      );
    }
  }
  console.log('\nmedians | CPU % of one core over the clip | recorded s');
  const cpu = (name: Variant) => median(samples.get(name)?.map((s) => s.cpuPercent) ?? []);
  for (const [name] of variants) {
    const rec = median(samples.get(name)?.map((s) => s.recordedSeconds) ?? []);
    console.log(`${name.padEnd(26)} | ${cpu(name).toFixed(1).padStart(6)} | ${rec.toFixed(1)}`);
  }
  const added = (on: Variant, off: Variant) => {
    const diff = cpu(on) - cpu(off);
    return `${diff.toFixed(1)} points (${((diff / cpu(off)) * 100).toFixed(1)} % of the pipeline)`;
  };
  console.log(`\nrecording adds, app: ${added('app, recording on', 'app, recording off')}`);
  if (hasMotion)
    console.log(`movie output adds, Motion: ${added('Motion, movie_output on', 'Motion, movie_output off')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
