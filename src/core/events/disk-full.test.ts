import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthState } from '../../shared/events';
import { SettingsStore } from '../config/settings-store';
import { checkDataDir } from '../health/data-dir';
import { SseTestClient } from '../server/testing/sse-test-client';
import { startTestServer, type TestServer } from '../server/testing/test-server';
import { StorageError } from './storage-error';
import { faultFs, fill, makeReadOnly, makeWritable, mountTmpfs, unmount } from './test-support/fault-fs';

const log = pino({ level: 'silent' });
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(16_000, 7), Buffer.from([0xff, 0xd9])]);
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(dataDir: string, storageQueue?: number): Promise<TestServer> {
  const s = await startTestServer({ dataDir, storageRetryMs: 100, storageQueue });
  cleanups.push(() => s.close());
  return s;
}

function client(s: TestServer): SseTestClient {
  const c = new SseTestClient(s.port);
  cleanups.push(() => c.close());
  return c;
}

/** Publishes a motion start with a 16 kB snapshot and its end; returns both ids. */
function motionPair(s: TestServer): number[] {
  const start = s.hub.publishMotionStart(
    { camera: 'camera', ts: Date.now() / 1000, change: 5, box: null },
    JPEG,
  );
  const end = s.hub.publishMotionEnd({
    camera: 'camera',
    motionId: start.id,
    ts: Date.now() / 1000,
    duration: 0,
    peakChange: 5,
    frames: 1,
    box: null,
  });
  return [start.id, end.id];
}

async function healthz(s: TestServer): Promise<{ status: number; body: { ok: boolean; error?: string } }> {
  const response = await fetch(`${s.url}/healthz`);
  return { status: response.status, body: await response.json() };
}

/** Polls until `predicate` holds; bounded, and fails with `what`. */
async function until(predicate: () => Promise<boolean> | boolean, what: string, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function zeroByteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && statSync(path).size === 0);
}

describe.skipIf(!faultFs.ok)(`storage faults (real tmpfs and read-only mounts)${faultFs.why}`, () => {
  it('disk full: every event still reaches clients, is stored with its id once space returns; health says so', async () => {
    const dir = mountTmpfs(2048);
    cleanups.push(() => unmount(dir));
    const settings = await SettingsStore.open(dir, {}, log);
    const s = await server(dir);
    const c = client(s);
    const health: HealthState[] = [];
    s.health.on('change', (state) => health.push(state));
    await until(() => s.hub.subscriberCount === 1, 'the client');
    const before = motionPair(s);

    const filler = fill(dir);
    const during: number[] = [];
    for (let i = 0; i < 20; i++) during.push(...motionPair(s));
    await c.waitFor(() => c.ids.length === 42, 10_000, 'every event, stored or not');
    expect(c.ids).toEqual([...before, ...during]);
    const degraded = await healthz(s);
    expect(degraded.status).toBe(503);
    expect(degraded.body.error).toContain(dir);
    expect(degraded.body.error).toMatch(/no space left/);
    expect(c.messages.some((m) => m.event === 'health' && JSON.parse(m.data).ok === false)).toBe(true);
    const state = await (await fetch(`${s.url}/api/state`)).json();
    expect(state.health.ok).toBe(false);
    expect(state.storage.failures).toBeGreaterThan(0);
    expect(await (await fetch(`${s.url}/metrics`)).text()).toMatch(/^motion_kiosk_healthy 0$/m);
    // A settings change that cannot be saved is refused and not applied.
    await expect(settings.update({ threshold: 7 })).rejects.toThrow(StorageError);
    expect(settings.get().threshold).not.toBe(7);

    rmSync(filler);
    await until(async () => (await healthz(s)).status === 200, 'healthz 200 after space returns');
    expect(c.messages.at(-1)?.event).toBe('health');
    expect(s.store.after(0, 1000).map((row) => row.id)).toEqual(c.ids);
    expect(zeroByteFiles(dir)).toEqual([]);
    for (const id of c.ids.filter((_, i) => i % 2 === 0)) expect(s.store.snapshotPath(id)).not.toBeNull();
    expect(health.at(0)?.ok).toBe(false);
    expect(health.at(-1)).toEqual({ ok: true, problems: [] });
    expect((await settings.update({ threshold: 7 })).threshold).toBe(7);
  });

  it('a queue overflow is announced as a gap and recorded, and later ids stay in order', async () => {
    const dir = mountTmpfs(2048);
    cleanups.push(() => unmount(dir));
    const s = await server(dir, 4);
    const c = client(s);
    await until(() => s.hub.subscriberCount === 1, 'the client');
    const filler = fill(dir);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(...motionPair(s));
    await c.waitFor(() => c.ids.length === 10, 10_000, 'every event');
    const gaps = c.messages.filter((m) => m.event === 'gap').map((m) => JSON.parse(m.data));
    expect(s.hub.storage.lost).toBeGreaterThan(0);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((gap) => gap.reason === 'storage')).toBe(true);
    rmSync(filler);
    await until(async () => (await healthz(s)).status === 200, 'healthz 200');
    const stored = s.store.after(0, 100).map((row) => row.id);
    expect(stored).toEqual(ids.slice(-4));
  });

  it('snapshot dir read-only mid-run: events still stored and streamed, health names the path', async () => {
    const dir = mountTmpfs(4096);
    cleanups.push(() => unmount(dir));
    const s = await server(dir);
    const c = client(s);
    await until(() => s.hub.subscriberCount === 1, 'the client');
    motionPair(s);
    const snapshots = join(dir, 'snapshots');
    makeReadOnly(snapshots);
    const ids = [...motionPair(s), ...motionPair(s)];
    await c.waitFor(() => c.ids.length === 6, 10_000, 'events while read-only');
    expect(s.store.after(0, 100).map((row) => row.id)).toEqual(c.ids);
    const degraded = await healthz(s);
    expect(degraded.status).toBe(503);
    expect(degraded.body.error).toContain(snapshots);
    expect(degraded.body.error).toMatch(/read-only/);
    expect(s.store.snapshotPath(ids[0])).toBeNull();
    makeWritable(snapshots);
    await until(async () => (await healthz(s)).status === 200, 'healthz 200 once writable');
    expect(s.store.snapshotPath(ids[0])).not.toBeNull();
    expect((await fetch(`${s.url}/api/events/${ids[0]}/snapshot.jpg`)).status).toBe(200);
  });

  it('start-up with a full or read-only data dir names the path, the problem and what to do', () => {
    const dir = mountTmpfs(1024);
    cleanups.push(() => unmount(dir));
    const full = join(dir, 'full');
    fill(dir);
    expect(() => checkDataDir(full)).toThrow(
      /^data dir .*full: cannot write .*: no space left .*free some space$/,
    );
    rmSync(join(dir, 'filler'));
    const readOnly = join(dir, 'ro');
    checkDataDir(readOnly);
    makeReadOnly(readOnly);
    cleanups.push(() => makeWritable(readOnly));
    expect(() => checkDataDir(readOnly)).toThrow(
      /read-only .*remount it read-write or choose another --data-dir/,
    );
  });
});
