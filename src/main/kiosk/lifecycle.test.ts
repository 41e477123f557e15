import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startCore } from '../../core/core';
import { runKiosk } from './app';
import { app, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

// The kiosk's life with the real core (real ffmpeg synthetic camera, real server, real database); only Electron
// is the stand-in. Quitting must stop all of it before the process may exit.

/** Names of this process's child processes (Linux /proc). */
function children(): string[] {
  const pids = readdirSync('/proc/self/task').flatMap((task) =>
    readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
  );
  return pids.flatMap((pid) => {
    try {
      return [readFileSync(`/proc/${pid}/comm`, 'utf8').trim()];
    } catch {
      return []; // already gone
    }
  });
}

let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('kiosk lifecycle with the real core', () => {
  it('serves while running; on quit the server and the camera are stopped before the app exits', async () => {
    resetFakeElectron();
    dataDir = await mkdtemp(join(tmpdir(), 'mk-kiosk-life-'));
    const argv = [
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--source',
      'synthetic',
      '--no-auth',
    ];
    const kiosk = await runKiosk({
      startCore,
      argv,
      preload: '/app/preload.js',
      staticDir: null,
      log: pino({ level: 'silent' }),
    });
    if (!kiosk) throw new Error('kiosk did not start');
    expect((await fetch(`${kiosk.core.url}/healthz`)).ok).toBe(true);
    await vi.waitFor(() => expect(children()).toContain('ffmpeg'), { timeout: 20_000 });

    app.quit();
    expect(app.quitted).toBe(false); // held until the core has stopped
    await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 20_000 });
    await expect(fetch(`${kiosk.core.url}/healthz`)).rejects.toThrow();
    await vi.waitFor(() => expect(children()).not.toContain('ffmpeg'), { timeout: 5_000 });
  });
});
