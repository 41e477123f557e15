import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  displayProblem,
  downloadHostProblem,
  electronCommand,
  fetchElectron,
  installedElectron,
  // @ts-expect-error: a plain .mjs script without type declarations
} from '../scripts/start.mjs';

const root = join(__dirname, '..');
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

describe('npm start: deciding whether Electron can run', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY', () => {
    expect(displayProblem({})).toMatch(/no display/);
    expect(displayProblem({ DISPLAY: ':0' })).toBeNull();
    expect(displayProblem({ WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
  });

  it('finds an unreachable download host at once', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there any more
    expect(await downloadHostProblem({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/` }, 5000)).toBe(
      `cannot reach 127.0.0.1:${port} to download the Electron binary (ECONNREFUSED)`,
    );
  });

  it('gives up on a download that hangs after the timeout, not after the network stack gives up', async () => {
    if (installedElectron()) return; // nothing to download where the binary exists
    const silent: Server = createServer(() => {}); // accepts and never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const saved = process.env.ELECTRON_MIRROR;
    process.env.ELECTRON_MIRROR = `http://127.0.0.1:${port}/`;
    cleanup.push(() => {
      silent.close();
      if (saved === undefined) delete process.env.ELECTRON_MIRROR;
      else process.env.ELECTRON_MIRROR = saved;
    });
    const result = await fetchElectron(1500);
    expect(result).toEqual({ problem: 'Electron binary download timed out after 1500 ms' });
  });

  it('reports a failed download in one line', async () => {
    if (installedElectron()) return;
    const saved = process.env.ELECTRON_MIRROR;
    process.env.ELECTRON_MIRROR = 'http://127.0.0.1:9/'; // discard port: connection refused at once
    cleanup.push(() => {
      if (saved === undefined) delete process.env.ELECTRON_MIRROR;
      else process.env.ELECTRON_MIRROR = saved;
    });
    const result = await fetchElectron(20_000);
    expect(result.problem).toMatch(/^Electron binary missing and its download failed \(.+\)$/);
    expect(result.problem).not.toContain('\n');
  });
});

describe('npm start: the engine environment', () => {
  it('keeps malloc to 2 arenas in the kiosk unless the user set it', () => {
    expect(electronCommand('electron', [], 'x.node', {}).env.MALLOC_ARENA_MAX).toBe('2');
    expect(electronCommand('electron', [], 'x.node', { MALLOC_ARENA_MAX: '8' }).env.MALLOC_ARENA_MAX).toBe(
      '8',
    );
  });
});

describe.skipIf(!existsSync(join(root, 'out/main/headless.js')))('npm start without a display', () => {
  it('says why in one line and serves the dashboard headless', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'start-script-'));
    const env: NodeJS.ProcessEnv = { ...process.env, MOTION_KIOSK_SKIP_BUILD: '1' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    delete env.MALLOC_ARENA_MAX;
    const args = [
      'scripts/start.mjs',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--source',
      'synthetic',
    ];
    const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env, detached: true });
    cleanup.push(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {}
      rmSync(dataDir, { recursive: true, force: true });
    });
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('\n')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stdout).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n/);
    const notes = stderr.split('\n').filter((line) => line.startsWith('npm start:'));
    expect(notes).toEqual([
      'npm start: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); running the headless server instead',
    ]);
    const url = stdout.trim().replace('listening on ', '');
    expect((await fetch(`${url}/healthz`)).ok).toBe(true);
    const server = execFileSync('pgrep', ['-P', String(child.pid), 'node'])
      .toString()
      .trim();
    expect(readFileSync(`/proc/${server}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
    const exited = new Promise((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0); // the server's clean stop, passed through
  });
});
