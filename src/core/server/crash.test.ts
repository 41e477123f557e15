import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import type { EventPage } from '../../shared/api';
import { SseTestClient } from './testing/sse-test-client';
import { removeDir, tempDataDir } from './testing/test-server';

const CHILD = new URL('./testing/crash-child.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const clients: SseTestClient[] = [];
let dataDir = '';

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) removeDir(dataDir);
});

/** Starts the child and resolves with it and the values of the lines it printed (`port`, `published`). */
function startChild(
  args: string[],
  expect: string[],
): Promise<{ child: ChildProcess; values: Map<string, number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const values = new Map<string, number>();
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const [key, value] = line.split(' ');
      values.set(key, Number(value));
      if (expect.every((k) => values.has(k))) resolve({ child, values });
    });
  });
}

async function allStoredIds(port: number): Promise<Set<number>> {
  const ids = new Set<number>();
  let before: number | null = null;
  do {
    const url = `http://127.0.0.1:${port}/api/events?limit=500${before ? `&before=${before}` : ''}`;
    const page = (await (await fetch(url)).json()) as EventPage;
    for (const event of page.events) {
      ids.add(event.id);
      if (event.end) ids.add(event.end.id);
    }
    before = page.nextBefore;
  } while (before !== null);
  return ids;
}

it('after SIGKILL mid-burst, every id a client saw is stored, and ids keep growing after restart', async () => {
  dataDir = tempDataDir();
  const { child, values } = await startChild(['burst', dataDir, '2'], ['port']);
  const port = values.get('port') ?? 0;
  const a = new SseTestClient(port);
  const b = new SseTestClient(port);
  clients.push(a, b);
  await a.waitFor(() => a.ids.length >= 200, 30_000, 'burst under way');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  await Promise.all([a, b].map((c) => c.waitFor(() => c.closed, 5_000, 'stream closed by the kill')));
  const seen = [...new Set([...a.ids, ...b.ids])];
  const maxSeen = Math.max(...seen);
  expect(seen.length).toBeGreaterThanOrEqual(200);

  const restarted = await startChild(['serve', dataDir], ['port', 'published']);
  const newPort = restarted.values.get('port') ?? 0;
  const next = restarted.values.get('published') ?? 0;
  const stored = await allStoredIds(newPort);
  expect(seen.filter((id) => !stored.has(id))).toEqual([]);
  expect(next).toBeGreaterThan(maxSeen);

  // Resuming across the restart yields exactly the events after the client's last id, in order.
  const lastOfA = a.ids.at(-1) ?? 0;
  const resumed = new SseTestClient(newPort, '/events', { 'Last-Event-ID': String(lastOfA) });
  clients.push(resumed);
  await resumed.waitFor(() => resumed.ids.at(-1) === next, 10_000, 'resume to reach the new event');
  expect(resumed.ids).toEqual(Array.from({ length: next - lastOfA }, (_, i) => lastOfA + 1 + i));
});

it('an event open at SIGKILL is closed at start-up as interrupted, at its last noted frame, and a resuming client gets the end', async () => {
  dataDir = tempDataDir();
  const { child, values } = await startChild(['open', dataDir], ['port', 'open']);
  const openId = values.get('open') ?? 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;

  const restarted = await startChild(['serve', dataDir], ['port', 'published']);
  const port = restarted.values.get('port') ?? 0;
  const resumed = new SseTestClient(port, '/events', { 'Last-Event-ID': String(openId) });
  clients.push(resumed);
  await resumed.waitFor(() => resumed.ids.length === 2, 10_000, 'the end and the new event');
  const [end, next] = resumed.messages.filter((m) => m.id !== null);
  expect(end.event).toBe('motion-end');
  const start = (await (await fetch(`http://127.0.0.1:${port}/api/events?limit=5`)).json()) as EventPage;
  const startTs = start.events.find((event) => event.id === openId)?.ts ?? 0;
  expect(JSON.parse(end.data)).toMatchObject({
    motionId: openId,
    reason: 'interrupted',
    ts: startTs + 3,
    duration: 3,
    frames: 12,
    peakChange: 9,
  });
  expect(next.event).toBe('motion');
  const page = (await (await fetch(`http://127.0.0.1:${port}/api/events`)).json()) as EventPage;
  expect(page.events.find((event) => event.id === openId)?.end?.reason).toBe('interrupted');
});
