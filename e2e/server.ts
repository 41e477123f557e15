import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';

/** The built plain-Node server (`npm run build`). */
export const headlessEntry = join(__dirname, '..', 'out', 'main', 'headless.js');

/** A real server on a free port (synthetic camera unless told otherwise), as the e2e tests and the UI benchmark use it. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The server's process id (benchmarks read its CPU time). */
  pid: number;
  /** The one-time admin pairing URL it printed (null with `auth: false`). Already used when `signedIn` is set. */
  pairingUrl: string | null;
  /** The admin session made by opening `pairingUrl` (when `pair` was not false): its cookie and CSRF token. */
  signedIn: { cookie: string; csrf: string } | null;
  /** Everything the server wrote to stderr so far (its log), for failure messages. */
  log(): string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/** Longest wait for the `listening on` line, in ms. */
const startTimeoutMs = 60_000;

/** Options of `startServer`. */
export interface ServerOptions {
  /** `--source` spec. Default `synthetic`. */
  source?: string;
  /** TCP port. Default 0 (any free port). */
  port?: number;
  /** Data directory to use and keep (to restart a server on its history). Default a new one, removed on stop. */
  dataDir?: string;
  /** Server entry to run (a benchmark may compare another build). Default `headlessEntry`. */
  entry?: string;
  /** Access control. Default true; false runs it with `--no-auth` (for what is not about access, e.g. benchmarks). */
  auth?: boolean;
  /** Open the printed pairing URL at once, as a test's own admin session (`signedIn`). Default true. */
  pair?: boolean;
  /**
   * Start as a new install, so an admin's dashboard opens the setup guide. Default false: the data dir
   * gets an empty `settings.json` first (what finishing the guide saves), as after setup.
   */
  firstRun?: boolean;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const entry = options.entry ?? headlessEntry;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mk-e2e-'));
  const settingsFile = join(dataDir, 'settings.json');
  if (!options.firstRun && !existsSync(settingsFile)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(settingsFile, '{}\n');
  }
  const child = spawn(
    process.execPath,
    [
      entry,
      '--port',
      String(options.port ?? 0),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      // --pair: a code even when the data dir already has an admin (a restart on the same history).
      ...(options.auth === false ? ['--no-auth'] : ['--pair']),
      '--source',
      options.source ?? 'synthetic',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const stop = async () => {
    await kill(child);
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { url, pairingUrl } = await listeningUrl(child, options.auth !== false);
    const signedIn = pairingUrl && options.pair !== false ? await pairAsAdmin(url, pairingUrl) : null;
    return { url, pid: child.pid ?? 0, pairingUrl, signedIn, log: () => stderr, stop };
  } catch (err) {
    await stop();
    throw new Error(`server did not start: ${(err as Error).message}\n${stderr}`);
  }
}

/** The `listening on` URL, and the pairing URL printed after it when access control is on. */
function listeningUrl(
  child: ChildProcess,
  auth: boolean,
): Promise<{ url: string; pairingUrl: string | null }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error('no `listening on` line in time')), startTimeoutMs);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      const pairing = /(http:\/\/\S+\/pair\?code=\w+)/.exec(stdout);
      if (match && (!auth || pairing)) {
        clearTimeout(timer);
        resolve({ url: match[1], pairingUrl: pairing?.[1] ?? null });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code}`));
    });
  });
}

/** Opens the pairing URL as a browser would and keeps the session cookie it sets, with its CSRF token. */
async function pairAsAdmin(url: string, pairingUrl: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(pairingUrl, { redirect: 'manual' });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('mk_session='))
    ?.split(';')[0];
  if (res.status !== 303 || !cookie) throw new Error(`pairing failed: HTTP ${res.status}`);
  const session = (await (await fetch(`${url}/api/session`, { headers: { cookie } })).json()) as {
    csrf: string;
  };
  return { cookie, csrf: session.csrf };
}

/** Gives a browser context the server's admin session cookie, as if it had opened the pairing URL. */
export async function signInContext(context: BrowserContext, server: RunningServer): Promise<void> {
  if (!server.signedIn) return;
  const [name, value] = server.signedIn.cookie.split('=');
  await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
}

/** Headers for a Node `fetch` as the server's admin session (none with auth off). */
export function sessionHeaders(server: RunningServer): Record<string, string> {
  return server.signedIn ? { cookie: server.signedIn.cookie, 'x-csrf-token': server.signedIn.csrf } : {};
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(forced);
}
