/**
 * `npm run bench:soak -- --minutes 60`
 *
 * Runs the real headless server (synthetic camera, 640×480 @ 30 fps) under steady load: 20 SSE clients,
 * 3 MJPEG viewers, a settings change every minute. Prints every minute the server's RSS, JS heap, live
 * tfjs tensors, open fds, and events stored vs delivered to every client; at the end, RSS growth after
 * the first 10 minutes (or the first minute of a shorter run), and whether tensors and fds stayed flat
 * and no event was lost. Bounded: it stops itself after --minutes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ENGINE_V8_FLAGS } from '../scripts/engine-flags.mjs';
import { SseTestClient } from '../src/core/server/testing/sse-test-client';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '5' } } });
const minutes = Number(values.minutes);
if (!(minutes >= 1 && minutes <= 24 * 60)) throw new Error('--minutes must be a number from 1 to 1440');

interface Sample {
  minute: number;
  rssMb: number;
  heapMb: number;
  tensors: number;
  fds: number;
  stored: number;
  delivered: number;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mk-soak-'));
  const headless = new URL('../src/core/headless.ts', import.meta.url).pathname;
  const args = [
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--source',
    'synthetic',
    '--data-dir',
    dataDir,
    '--no-auth',
  ];
  // Started the way the launchers start it (scripts/start.mjs, the systemd unit), and with this process's
  // environment, so `MALLOC_ARENA_MAX=2 npm run bench:soak` measures that allocator setting.
  const nodeFlags = ENGINE_V8_FLAGS;
  const server = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', headless, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      if (line.startsWith('listening on ')) resolve(line.slice('listening on '.length));
    });
  });
  const port = Number(new URL(url).port);
  const put = (body: object) =>
    fetch(`${url}/api/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await put({ captureWidth: 640, captureHeight: 480, frameRate: 30 });
  const clients = Array.from({ length: 20 }, () => new SseTestClient(port));
  const viewers = Array.from({ length: 3 }, () =>
    get(`${url}/stream.mjpg`, (res) => res.resume()).on('error', () => {}),
  );
  console.log(
    `soak: ${minutes} min, synthetic 640x480@30, 20 SSE clients, 3 MJPEG viewers, settings changed every minute;` +
      ` ${cpus().length} cores, load ${loadavg()[0].toFixed(1)} at start; node ${nodeFlags.join(' ')},` +
      ` MALLOC_ARENA_MAX ${process.env.MALLOC_ARENA_MAX ?? 'unset'}`,
  );
  console.log('minute  rss_MB  heap_MB  tensors  fds  stored  delivered(min over clients)');
  const samples: Sample[] = [];
  try {
    for (let minute = 1; minute <= minutes; minute++) {
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      await put({ threshold: minute % 2 === 0 ? 2 : 2.5 });
      const sample = await measure(minute, server.pid ?? 0, url, clients);
      samples.push(sample);
      console.log(
        [
          sample.minute,
          sample.rssMb,
          sample.heapMb,
          sample.tensors,
          sample.fds,
          sample.stored,
          sample.delivered,
        ]
          .map((v, i) => String(v).padStart(i === 0 ? 6 : 8))
          .join(''),
      );
    }
  } finally {
    for (const c of clients) c.close();
    for (const v of viewers) v.destroy();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
  summarise(samples, clients);
}

async function measure(minute: number, pid: number, url: string, clients: SseTestClient[]): Promise<Sample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fds = (await readdir(`/proc/${pid}/fd`)).length;
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const metric = (name: string) =>
    Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);
  return {
    minute,
    rssMb: Math.round(rssKb / 1024),
    heapMb: Math.round(metric('motion_kiosk_nodejs_heap_size_used_bytes') / 1048576),
    tensors: metric('motion_kiosk_tensors'),
    fds,
    stored: metric('motion_kiosk_last_event_id') - metric('motion_kiosk_storage_queued_events'),
    delivered: Math.min(...clients.map((c) => c.ids.length)),
  };
}

function summarise(samples: Sample[], clients: SseTestClient[]): void {
  const base = samples.length > 10 ? samples[9] : samples[0];
  const last = samples.at(-1);
  if (!base || !last) return;
  const growth = ((last.rssMb - base.rssMb) / base.rssMb) * 100;
  const expected = last.stored;
  const lost = clients.map((c) => expected - new Set(c.ids).size).reduce((a, b) => Math.max(a, b), 0);
  const duplicated = clients.some((c) => new Set(c.ids).size !== c.ids.length);
  const flat = (key: 'tensors' | 'fds') =>
    Math.max(...samples.map((s) => s[key])) - Math.min(...samples.map((s) => s[key]));
  console.log(
    `RSS growth from minute ${base.minute} to ${last.minute}: ${growth.toFixed(1)} % (goal < 5 %); ` +
      `tensors range ${flat('tensors')}, fds range ${flat('fds')}; ` +
      `events stored ${expected}, most lost by a client ${lost}, duplicates ${duplicated ? 'yes' : 'none'}; ` +
      `load ${loadavg()[0].toFixed(1)} at end`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
