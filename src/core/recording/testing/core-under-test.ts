import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { EventRecord } from '../../../shared/api';
import { mergeOptions } from '../../config/options-schema';
import { startCore } from '../../core';
import type { Core } from '../../core-api';
import type { Frame } from '../../frames/frame';

export const silent = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The real core on 127.0.0.1:0 replaying `clip` once, with every frame the bus saw kept in `frames`. */
export async function startFileCore(
  clip: string,
  dataDir: string,
): Promise<{ core: Core; frames: Pick<Frame, 'seq' | 'ts'>[] }> {
  const options = mergeOptions(
    { port: 0, host: '127.0.0.1', source: `file:${clip}`, dataDir, auth: false },
    {},
  );
  const core = await startCore({ ...options, staticDir: null, log: silent });
  const frames: Pick<Frame, 'seq' | 'ts'>[] = [];
  core.buses[0].subscribe((frame) => frames.push({ seq: frame.seq, ts: frame.ts }));
  return { core, frames };
}

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

/** Polls `GET /api/events/:id` until `done` holds; bounded by `timeoutMs`. */
export async function waitForEvent(
  base: string,
  id: number,
  done: (record: EventRecord) => boolean,
  timeoutMs = 60_000,
): Promise<EventRecord> {
  const deadline = Date.now() + timeoutMs;
  let last: EventRecord | null = null;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/api/events/${id}`);
    if (res.status === 200) {
      last = (await res.json()) as EventRecord;
      if (done(last)) return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`event ${id} did not get there in time; last seen: ${JSON.stringify(last)}`);
}
