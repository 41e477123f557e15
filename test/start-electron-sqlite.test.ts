import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { cacheDir, electronSqlite, lastReason, rebuildCommand } from '../scripts/electron-sqlite.mjs';
// @ts-expect-error: a plain .mjs script without type declarations
import { chooseRuntime, fallbackNote } from '../scripts/start.mjs';

interface Command {
  command: string;
  args: string[];
  cwd: string;
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'electron-sqlite-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Stands in for @electron/rebuild: writes the .node file where the real build leaves it. */
function fakeBuild(calls: Command[]) {
  return async (cmd: Command) => {
    calls.push(cmd);
    const release = join(cmd.cwd, 'node_modules/better-sqlite3/build/Release');
    mkdirSync(release, { recursive: true });
    writeFileSync(join(release, 'better_sqlite3.node'), 'electron-abi');
    return { code: 0, signal: null, output: '✔ Rebuild Complete\n' };
  };
}

describe('npm start: better-sqlite3 for Electron', () => {
  it('builds a copy of better-sqlite3 with @electron/rebuild for the given version and arch', () => {
    const { command, args, cwd } = rebuildCommand({
      electronVersion: '45.5.0',
      arch: 'arm64',
      workDir: '/w',
    });
    expect(command).toBe(process.execPath);
    expect(existsSync(args[0])).toBe(true);
    expect(args[0]).toMatch(/@electron[/\\]rebuild[/\\]lib[/\\]cli\.js$/);
    expect(args.slice(1)).toEqual([
      '--version',
      '45.5.0',
      '--arch',
      'arm64',
      '--module-dir',
      '/w',
      '--only',
      'better-sqlite3',
      '--force',
    ]);
    expect(cwd).toBe('/w');
  });

  it('builds once into the cache, then reuses the file', async () => {
    const cacheRoot = tempRoot();
    const calls: Command[] = [];
    const builds: number[] = [];
    const opts = { electronVersion: '45.5.0', arch: 'x64', cacheRoot, run: fakeBuild(calls) };
    const first = await electronSqlite({ ...opts, onBuild: () => builds.push(1) });
    const binding = join(cacheRoot, 'electron-45.5.0-x64', 'better_sqlite3.node');
    expect(first).toEqual({ binding, built: true });
    expect(cacheDir('45.5.0', 'x64', cacheRoot)).toBe(join(cacheRoot, 'electron-45.5.0-x64'));
    expect(readFileSync(binding, 'utf8')).toBe('electron-abi');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args).toContain(join(cacheRoot, 'electron-45.5.0-x64', 'build'));
    expect(existsSync(calls[0]?.cwd as string)).toBe(false); // the work copy is removed after the build
    expect(builds).toEqual([1]);

    const second = await electronSqlite({ ...opts, onBuild: () => builds.push(2) });
    expect(second).toEqual({ binding, built: false });
    expect(calls).toHaveLength(1);
    expect(builds).toEqual([1]);
  });

  it('gives the build a copy of better-sqlite3 without its Node-ABI build', async () => {
    const cacheRoot = tempRoot();
    let seen: string[] = [];
    await electronSqlite({
      electronVersion: '45.5.0',
      cacheRoot,
      run: async (cmd: Command) => {
        const copy = join(cmd.cwd, 'node_modules/better-sqlite3');
        seen = ['binding.gyp', 'deps', 'src', 'build'].filter((name) => existsSync(join(copy, name)));
        return { code: 1, signal: null, output: '' };
      },
    });
    expect(seen).toEqual(['binding.gyp', 'deps', 'src']);
  });

  it('reports a failed build in one line naming the log, and keeps no binding', async () => {
    const cacheRoot = tempRoot();
    const saved = process.env.ELECTRON_REBUILD_DIST_URL;
    process.env.ELECTRON_REBUILD_DIST_URL = 'http://127.0.0.1:9/'; // discard port: headers refused at once
    cleanup.push(() => {
      if (saved === undefined) delete process.env.ELECTRON_REBUILD_DIST_URL;
      else process.env.ELECTRON_REBUILD_DIST_URL = saved;
    });
    // A version node-abi does not know: the real @electron/rebuild fails at once, online or not.
    const result = await electronSqlite({ electronVersion: '0.0.1', cacheRoot, timeoutMs: 120_000 });
    const log = join(cacheRoot, `electron-0.0.1-${process.arch}`, 'rebuild.log');
    expect(result.problem).toMatch(/^cannot build better-sqlite3 for Electron 0\.0\.1 \(.+; log: .+\)$/);
    expect(result.problem).toContain(log);
    expect(result.problem).not.toContain('\n');
    expect(readFileSync(log, 'utf8')).not.toBe('');
    expect(existsSync(join(cacheRoot, `electron-0.0.1-${process.arch}`, 'better_sqlite3.node'))).toBe(false);
  });

  it('takes the last line that is not a stack frame as the reason', () => {
    const output =
      'Building\n\u001b[31m✖ Rebuild Failed\u001b[39m\nError: node-gyp failed\n    at foo (x.js:1:1)\n';
    expect(lastReason(output)).toBe('Error: node-gyp failed');
    expect(lastReason('')).toBe('no output');
  });
});

describe('npm start: choosing Electron or the headless server', () => {
  const display = { DISPLAY: ':0' };
  const steps = (over: Record<string, unknown>) => ({
    env: display,
    installedElectron: () => '/opt/electron/electron',
    downloadHostProblem: async () => null,
    fetchElectron: async () => ({ problem: 'unexpected download' }),
    electronVersion: () => '45.5.0',
    electronSqlite: async () => ({ binding: '/cache/better_sqlite3.node', built: false }),
    note: () => {},
    ...over,
  });

  it('runs Electron with the Electron-ABI better-sqlite3 named in its environment', async () => {
    const seen: unknown[] = [];
    const choice = await chooseRuntime(
      ['--port', '0'],
      steps({
        electronSqlite: async (opts: unknown) => {
          seen.push(opts);
          return { binding: '/cache/better_sqlite3.node', built: false };
        },
      }),
    );
    expect(choice.problem).toBeUndefined();
    expect(choice.electron.command).toBe('/opt/electron/electron');
    expect(choice.electron.args).toEqual([
      '.',
      '--ozone-platform-hint=auto',
      '--js-flags=--max-semi-space-size=1 --single-threaded-gc --no-memory-reducer',
      '--port',
      '0',
    ]);
    expect(choice.electron.env).toEqual({
      DISPLAY: ':0',
      MALLOC_ARENA_MAX: '2',
      MOTION_KIOSK_SQLITE_BINDING: '/cache/better_sqlite3.node',
    });
    expect(seen).toEqual([expect.objectContaining({ electronVersion: '45.5.0' })]);
  });

  it('says when it builds, once', async () => {
    const notes: string[] = [];
    await chooseRuntime(
      [],
      steps({
        note: (line: string) => notes.push(line),
        electronSqlite: async ({ onBuild }: { onBuild: () => void }) => {
          onBuild();
          return { binding: '/b.node', built: true };
        },
      }),
    );
    expect(notes).toEqual([
      'building better-sqlite3 for Electron 45.5.0 (once per version; can take minutes)',
    ]);
  });

  it('falls back with one line when better-sqlite3 cannot be built for Electron', async () => {
    const problem =
      'cannot build better-sqlite3 for Electron 45.5.0 (Error: node-gyp failed; log: /c/rebuild.log)';
    const choice = await chooseRuntime([], steps({ electronSqlite: async () => ({ problem }) }));
    expect(choice).toEqual({ problem });
    expect(fallbackNote(choice.problem)).toBe(
      'npm start: cannot build better-sqlite3 for Electron 45.5.0 (Error: node-gyp failed; log: /c/rebuild.log); ' +
        'running the headless server instead\n',
    );
  });

  it('does not build better-sqlite3 when Electron cannot start anyway', async () => {
    const built: unknown[] = [];
    const electronSqlite = async () => {
      built.push(1);
      return { binding: '/b.node' };
    };
    expect(await chooseRuntime([], steps({ env: {}, electronSqlite }))).toEqual({
      problem: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    });
    const offline = steps({
      installedElectron: () => null,
      downloadHostProblem: async () => 'cannot reach github.com:443',
      electronSqlite,
    });
    expect(await chooseRuntime([], offline)).toEqual({ problem: 'cannot reach github.com:443' });
    expect(built).toEqual([]);
  });

  it('uses a freshly downloaded binary', async () => {
    const choice = await chooseRuntime(
      [],
      steps({ installedElectron: () => null, fetchElectron: async () => ({ binary: '/new/electron' }) }),
    );
    expect(choice.electron.command).toBe('/new/electron');
  });
});
