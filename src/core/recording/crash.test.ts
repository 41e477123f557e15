import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import type { EventRecord } from '../../shared/api';
import type { ClipIndex } from '../../shared/recording';
import type { Core } from '../core-api';
import { getJson, removeDir, startFileCore, tempDir } from './testing/core-under-test';
import { walkClip } from './testing/walk-clip';

const HEADLESS = new URL('../headless.ts', import.meta.url).pathname;
let child: ChildProcess | null = null;
let core: Core | null = null;
let dataDir = '';

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await core?.stop();
  core = null;
  if (dataDir) removeDir(dataDir);
});

function startHeadless(clip: string): Promise<string> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', HEADLESS, '--port', '0', '--host', '127.0.0.1', '--no-auth'].concat([
      ...['--source', `file:${clip}`, '--data-dir', dataDir],
    ]),
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  child = proc;
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = /^listening on (\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
  });
}

it('after SIGKILL mid-event, the event is closed as interrupted and its partial clip plays up to its last written frame', async () => {
  dataDir = tempDir('mk-recording-crash-');
  const clip = await walkClip();
  const url = await startHeadless(clip);
  const index = `${dataDir}/recordings/1/clip.idx`;
  // Wait (bounded) until the event's clip holds its pre-roll and some of the walk: 120 frames of 20 bytes.
  for (let i = 0; i < 600; i++) {
    const size = (() => {
      try {
        return statSync(index).size;
      } catch {
        return 0;
      }
    })();
    if (size >= 120 * 20) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const open = await getJson<EventRecord>(`${url}/api/events/1`);
  expect(open.body.end).toBeNull();
  expect(open.body.clip?.state).toBe('recording');
  const exited = new Promise((resolve) => child?.once('exit', resolve));
  child?.kill('SIGKILL');
  await exited;
  // What a kill during a write can leave: half a JPEG after the last frame, half an index record.
  appendFileSync(`${dataDir}/recordings/1/clip.mjpeg`, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  appendFileSync(index, Buffer.alloc(7, 1));

  const restarted = await startFileCore(clip, dataDir);
  core = restarted.core;
  const record = await getJson<EventRecord>(`${core.url}/api/events/1`);
  expect(record.body.end?.reason).toBe('interrupted');
  expect(record.body.clip?.state).toBe('interrupted');
  expect(record.body.clip?.reason).toMatch(/stopped while recording/);
  const frames = record.body.clip?.frames ?? 0;
  expect(frames).toBeGreaterThanOrEqual(120);
  const clipIndex = await getJson<ClipIndex>(`${core.url}/api/events/1/clip.json`);
  expect(clipIndex.body.frames).toBe(frames);
  // The served clip decodes frame for frame with no error: the torn tail is not served.
  const served = Buffer.from(await (await fetch(`${core.url}/api/events/1/clip`)).arrayBuffer());
  const file = `${dataDir}/served.mjpeg`;
  appendFileSync(file, served);
  const probed = execFileSync('ffprobe', [
    ...['-v', 'error', '-f', 'mjpeg', '-count_frames', '-show_entries', 'stream=nb_read_frames'],
    ...['-of', 'csv=p=0', file],
  ]);
  expect(Number(probed.toString().trim())).toBe(frames);
}, 120_000);
