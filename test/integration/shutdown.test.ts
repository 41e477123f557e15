import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { SseTestClient } from '../../src/core/server/testing/sse-test-client';

// The real headless server (`npm run serve`'s entry) with the synthetic camera, stopped by SIGTERM
// while a motion event is open.
const HEADLESS = new URL('../../src/core/headless.ts', import.meta.url).pathname;
let dataDir = '';
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Pids of the live children of `pid`, from /proc. */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === pid && state !== 'Z') found.push(Number(name));
  }
  return found;
}

const alive = (pid: number) =>
  readFile(`/proc/${pid}/stat`, 'utf8').then(
    (stat) => stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z',
    () => false,
  );

it('SIGTERM during an event: exits 0 on its own, no ffmpeg left, the event closed in the database', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mk-shutdown-'));
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
  child = spawn(process.execPath, ['--import', 'tsx', HEADLESS, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const proc = child;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    proc.once('exit', () => reject(new Error('headless exited before listening')));
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('listening on ')) resolve(line.slice('listening on '.length));
    });
  });
  const sse = new SseTestClient(Number(new URL(url).port));
  try {
    // The synthetic figure first crosses about 2 s after the camera starts.
    await sse.waitFor(() => sse.messages.some((m) => m.event === 'motion'), 60_000, 'a motion event');
    const ffmpegs = await childrenOf(proc.pid ?? 0);
    expect(ffmpegs.length).toBeGreaterThan(0);
    proc.kill('SIGTERM');
    // Bounded, not timed: the app's own 4.5 s limit would exit with code 1, which fails below.
    expect(await exited).toBe(0);
    await sse.waitFor(() => sse.closed, 10_000, 'the stream closed');
    for (const pid of ffmpegs) expect(await alive(pid)).toBe(false);
  } finally {
    sse.close();
  }
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  const open = db
    .prepare(
      `SELECT m.id FROM events m WHERE m.type = 'motion' AND NOT EXISTS
       (SELECT 1 FROM events e WHERE e.type = 'motion-end' AND e.motion_id = m.id)`,
    )
    .all();
  db.close();
  expect(open).toEqual([]);
}, 120_000);
