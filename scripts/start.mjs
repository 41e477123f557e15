#!/usr/bin/env node
// `npm start [-- --port N …]`: build, then run the Electron kiosk; where Electron cannot start (no display, or its
// binary is missing and cannot be downloaded), say why in one line and run the headless server instead.
// A blocked network fails fast: the download host is probed first (5 s) before the real download starts.
// Environment: MOTION_KIOSK_SKIP_BUILD=1 skips the build; ELECTRON_FETCH_TIMEOUT_MS caps the download itself
// (default 600000, for slow links); ELECTRON_MIRROR is honoured as electron's own installer does.
// Before Electron starts, better-sqlite3 is built for its ABI once (scripts/electron-sqlite.mjs); when that fails
// it says so in one line and runs the headless server too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronSqlite, SQLITE_BINDING_ENV } from './electron-sqlite.mjs';
import { ENGINE_V8_FLAGS } from './engine-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** Why no display server can take a window, or null when one is announced. */
export function displayProblem(env = process.env) {
  if (process.platform !== 'linux') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY
    ? null
    : 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}

/** Path of the Electron binary when it is already on disk, else null. */
export function installedElectron() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist'),
    readFileSync(pathFile, 'utf8'),
  );
  return existsSync(binary) ? binary : null;
}

/** Null when a TCP connection to the binary's download host opens within `timeoutMs`, else why not (one line). */
export function downloadHostProblem(env = process.env, timeoutMs = 5000) {
  // Behind a proxy the host is not dialled directly; leave the verdict to the download itself.
  if (env.ELECTRON_GET_USE_PROXY || env.HTTPS_PROXY || env.https_proxy) return Promise.resolve(null);
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || 'https://github.com/';
  const url = new URL(mirror);
  const port = Number(url.port) || (url.protocol === 'http:' ? 80 : 443);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port, timeout: timeoutMs });
    const done = (problem) => {
      socket.destroy();
      resolve(problem && `cannot reach ${url.hostname}:${port} to download the Electron binary (${problem})`);
    };
    socket.once('connect', () => done(null));
    socket.once('timeout', () => done(`no answer in ${timeoutMs} ms`));
    socket.once('error', (err) => done(err.code ?? err.message));
  });
}

/**
 * Downloads the Electron binary (what electron does on first launch) in a child process that is killed after
 * `timeoutMs`. Resolves `{ binary }` or `{ problem }` (one line).
 */
export function fetchElectron(timeoutMs = Number(process.env.ELECTRON_FETCH_TIMEOUT_MS) || 600_000) {
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const binary = installedElectron();
      if (code === 0 && binary) return resolve({ binary });
      if (signal === 'SIGKILL')
        return resolve({ problem: `Electron binary download timed out after ${timeoutMs} ms` });
      const reason =
        stderr
          .split('\n')
          .find((line) => /error/i.test(line))
          ?.trim() ?? `exit code ${code}`;
      resolve({ problem: `Electron binary missing and its download failed (${reason.slice(0, 160)})` });
    });
  });
}

/** Runs a child with our stdio, passes SIGINT/SIGTERM on, resolves its exit code and how long it lived. */
function run(command, args, env = process.env) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => resolve({ code: 127, error: err, ms: Date.now() - started }));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal ? 1 : 0), signal, ms: Date.now() - started });
    });
  });
}

/**
 * The engine's environment: glibc's malloc kept to 2 arenas (unless already set), so the memory that worker and
 * I/O threads free is reused instead of spread over one arena per thread (docs/benchmarks.md, "Soak").
 */
export function engineEnv(env = process.env) {
  return { MALLOC_ARENA_MAX: '2', ...env };
}

/** The Electron command line: the app in this tree, with the Electron-ABI better-sqlite3 named in the environment. */
export function electronCommand(binary, args, binding, env = process.env) {
  // Ozone is picked before the app's code runs, so the Wayland/X11 hint goes on the command line.
  return {
    command: binary,
    args: ['.', '--ozone-platform-hint=auto', `--js-flags=${ENGINE_V8_FLAGS.join(' ')}`, ...args],
    env: { ...engineEnv(env), [SQLITE_BINDING_ENV]: binding },
  };
}

/** The one line `npm start` prints before falling back to the headless server. */
export function fallbackNote(problem) {
  return `npm start: ${problem}; running the headless server instead\n`;
}

/**
 * Decides how `npm start` runs. Resolves `{ electron: { command, args, env } }`, or `{ problem }` (one line) when
 * Electron cannot run. Each step can be replaced (`steps`), so the decision is tested without Electron.
 */
export async function chooseRuntime(args, steps = {}) {
  const s = {
    env: process.env,
    displayProblem,
    installedElectron,
    downloadHostProblem,
    fetchElectron,
    electronSqlite,
    electronVersion: () => require('electron/package.json').version,
    note: (line) => process.stderr.write(`npm start: ${line}\n`),
    ...steps,
  };
  const display = s.displayProblem(s.env);
  if (display) return { problem: display };
  let binary = s.installedElectron();
  if (!binary) {
    const unreachable = await s.downloadHostProblem(s.env);
    if (unreachable) return { problem: unreachable };
    const fetched = await s.fetchElectron();
    if (fetched.problem) return { problem: fetched.problem };
    binary = fetched.binary;
  }
  const version = s.electronVersion();
  const sqlite = await s.electronSqlite({
    electronVersion: version,
    onBuild: () =>
      s.note(`building better-sqlite3 for Electron ${version} (once per version; can take minutes)`),
  });
  if (sqlite.problem) return { problem: sqlite.problem };
  return { electron: electronCommand(binary, args, sqlite.binding, s.env) };
}

async function main() {
  const args = process.argv.slice(2);
  if (!process.env.MOTION_KIOSK_SKIP_BUILD) {
    const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
    const build = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  let { electron, problem } = await chooseRuntime(args);
  if (electron) {
    const kiosk = await run(electron.command, electron.args, electron.env);
    // A kiosk that ran and quit is done; one that died at once (missing system libraries, no usable GPU/display
    // connection) falls back like a missing binary.
    if (kiosk.signal || kiosk.code === 0 || kiosk.ms > 15_000) process.exit(kiosk.code);
    problem = `Electron exited at start-up (${kiosk.error?.message ?? `exit code ${kiosk.code}`})`;
  }
  process.stderr.write(fallbackNote(problem));
  const server = await run(
    process.execPath,
    [...ENGINE_V8_FLAGS, join(root, 'out/main/headless.js'), ...args],
    engineEnv(),
  );
  process.exit(server.code);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
