// better-sqlite3 for Electron's ABI when the app runs from the source tree (`npm start`). `npm install` builds
// better-sqlite3 for plain Node (tests, `npm run serve`); Electron needs its own build. Rebuilding in place would
// break the Node side, so a copy of the package is built with @electron/rebuild in a cache directory, once per
// Electron version and arch, and only its .node file is kept. The app loads it through better-sqlite3's
// `nativeBinding` option (src/core/events/native-binding.ts), named by SQLITE_BINDING_ENV.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** Environment variable through which `npm start` hands the app the Electron-ABI better_sqlite3.node. */
export const SQLITE_BINDING_ENV = 'MOTION_KIOSK_SQLITE_BINDING';

/** Cache directory for one Electron version and arch (`node_modules/.cache/motion-kiosk/electron-<v>-<arch>`). */
export function cacheDir(
  electronVersion,
  arch = process.arch,
  cacheRoot = join(root, 'node_modules/.cache/motion-kiosk'),
) {
  return join(cacheRoot, `electron-${electronVersion}-${arch}`);
}

/** The @electron/rebuild command that builds the better-sqlite3 copy under `workDir` for Electron `electronVersion`. */
export function rebuildCommand({ electronVersion, arch, workDir }) {
  const cli = join(dirname(require.resolve('@electron/rebuild')), 'cli.js');
  const args = [cli, '--version', electronVersion, '--arch', arch, '--module-dir', workDir];
  return { command: process.execPath, args: [...args, '--only', 'better-sqlite3', '--force'], cwd: workDir };
}

/** Runs a command with output to `logFile`, killed after `timeoutMs`; resolves `{ code, signal, output }`. */
function runLogged({ command, args, cwd }, logFile, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => collect(`Error: ${err.message}\n`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      writeFileSync(logFile, output);
      resolve({ code, signal, output });
    });
  });
}

/** The last line of a build log that is not a stack frame: @electron/rebuild ends with the error that stopped it. */
export function lastReason(output) {
  const lines = output.split('\n').map((line) => line.trim());
  const reason = lines.filter((line) => line && !line.startsWith('at ')).at(-1) ?? 'no output';
  return stripVTControlCharacters(reason).slice(0, 160);
}

/**
 * The Electron-ABI better_sqlite3.node for `electronVersion`: taken from the cache when there, else built now.
 * Resolves `{ binding, built }` or `{ problem }` (one line, pointing at the full build log).
 * @param {object} opts
 * @param {string} opts.electronVersion Electron's version (its package.json).
 * @param {string} [opts.arch] Target arch. Default `process.arch`.
 * @param {string} [opts.cacheRoot] Default `node_modules/.cache/motion-kiosk`.
 * @param {number} [opts.timeoutMs] Build time limit. Default MOTION_KIOSK_REBUILD_TIMEOUT_MS or 1,200,000
 *   (compiling SQLite on a Pi takes minutes).
 * @param {() => void} [opts.onBuild] Called before a build starts (not for a cached binding). Default: nothing.
 * @param {(cmd: object, logFile: string, timeoutMs: number) => Promise<{code: number|null, signal: string|null, output: string}>} [opts.run]
 *   Runs the build command. Default: a child process.
 */
export async function electronSqlite({
  electronVersion,
  arch = process.arch,
  cacheRoot,
  timeoutMs = Number(process.env.MOTION_KIOSK_REBUILD_TIMEOUT_MS) || 1_200_000,
  onBuild = () => {},
  run = runLogged,
}) {
  const dir = cacheDir(electronVersion, arch, cacheRoot);
  const binding = join(dir, 'better_sqlite3.node');
  if (existsSync(binding)) return { binding, built: false };

  const workDir = join(dir, 'build');
  const moduleDir = join(workDir, 'node_modules/better-sqlite3');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(dirname(moduleDir), { recursive: true });
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  // Everything but the Node-ABI build: sources, the bundled SQLite and binding.gyp.
  cpSync(source, moduleDir, { recursive: true, filter: (src) => src !== join(source, 'build') });
  writeFileSync(join(workDir, 'package.json'), '{"private":true,"dependencies":{"better-sqlite3":"*"}}\n');

  const logFile = join(dir, 'rebuild.log');
  onBuild();
  const result = await run(rebuildCommand({ electronVersion, arch, workDir }), logFile, timeoutMs);
  const built = join(moduleDir, 'build/Release/better_sqlite3.node');
  if (result.code === 0 && existsSync(built)) {
    // Copy then rename, so a half-written file is never taken for a finished build.
    cpSync(built, `${binding}.tmp`);
    renameSync(`${binding}.tmp`, binding);
    rmSync(workDir, { recursive: true, force: true });
    return { binding, built: true };
  }
  const why = result.signal === 'SIGKILL' ? `timed out after ${timeoutMs} ms` : lastReason(result.output);
  return { problem: `cannot build better-sqlite3 for Electron ${electronVersion} (${why}; log: ${logFile})` };
}
