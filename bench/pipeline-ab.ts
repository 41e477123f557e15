/**
 * Builds of the app side by side on ONE simulated camera (`pipeline-camera.mjs`), at the same time, so
 * that they share the machine's load: the bench's app figure moves by ±10 % from run to run on a shared
 * machine, more than many single changes; builds that run together move together.
 *
 *   npm run bench:pipeline-ab -- --save before      build the working tree, keep it as "before"
 *   npm run bench:pipeline-ab -- before after       run saved builds side by side
 *
 * Options: --size 640x480|1280x720 (640x480)  --rounds N (3)  --seconds N measured per round (30).
 * Each round starts the builds (order reversed every other round), waits 10 s, then reads each process's
 * CPU (all threads) and its main thread's from /proc. Prints each round and the medians, and each
 * build's median against the first's. Builds live in bench/.work/builds/ (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { mainThreadMs, processTree } from './pipeline-proc';
import { AppProcess, CameraProcess } from './pipeline-procs';
import { median } from './pipeline-window';

const builds = join(__dirname, '.work', 'builds');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    save: { type: 'string' },
    size: { type: 'string', default: '640x480' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '30' },
  },
});

/** CPU ms of the app and its children, of its main thread, and their RSS in MB. */
function usage(pid: number): { all: number; main: number; rss: number } {
  const tree = processTree(pid);
  return {
    all: tree.reduce((sum, p) => sum + p.user + p.kernel, 0),
    main: mainThreadMs(pid),
    rss: tree.reduce((sum, p) => sum + p.rssMb, 0),
  };
}

async function main(): Promise<void> {
  if (values.save) {
    execFileSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    rmSync(join(builds, values.save), { recursive: true, force: true });
    cpSync('out', join(builds, values.save), { recursive: true });
    console.log(`saved the working tree's build as "${values.save}"`);
    return;
  }
  if (positionals.length === 0) throw new Error('name saved builds to compare, or --save NAME');
  const dims = values.size.split('x').map(Number) as [number, number];
  const [rounds, seconds] = [Number(values.rounds), Number(values.seconds)];
  const camera = new CameraProcess(values.size, 30, 'bare');
  const { port } = await camera.ready();
  const frames = seconds * 30;
  const results = new Map<string, number[]>(positionals.map((name) => [name, []]));
  console.log(`# Builds side by side, ${values.size} @ 30 fps, ${rounds} rounds of ${seconds} s`);
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? positionals : [...positionals].reverse();
    const apps: { name: string; app: AppProcess }[] = [];
    for (const name of order) {
      const data = join(builds, `.data-${name}`);
      const config = await AppProcess.config(data, dims, 30);
      const script = join(builds, name, 'main', 'headless.js');
      apps.push({ name, app: new AppProcess(`http://127.0.0.1:${port}/${name}.mjpg`, data, config, script) });
    }
    await sleep(10_000);
    const before = apps.map(({ app }) => usage(app.child.pid as number));
    await sleep(seconds * 1000);
    for (const [i, { name, app }] of apps.entries()) {
      const after = usage(app.child.pid as number);
      const ms = (after.all - before[i].all) / frames;
      results.get(name)?.push(ms);
      const mainMs = (after.main - before[i].main) / frames;
      console.log(
        `round ${round}  ${name.padEnd(16)} ${ms.toFixed(3)} ms a frame (main thread ${mainMs.toFixed(3)})  RSS ${after.rss.toFixed(0)} MB`,
      );
      await app.stop();
    }
  }
  camera.stop();
  const first = median(results.get(positionals[0]) ?? []);
  for (const [name, ms] of results) {
    console.log(
      `median  ${name.padEnd(16)} ${median(ms).toFixed(3)} ms a frame, ${(median(ms) / first).toFixed(3)} of ${positionals[0]}`,
    );
  }
}

void main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
