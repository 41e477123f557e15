import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built plain-Node server (`npm run build`). */
export const headlessEntry = join(__dirname, '..', 'out', 'main', 'headless.js');

/** A real server on a free port (synthetic camera unless told otherwise), as the e2e tests and the UI benchmark use it. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The server's process id (benchmarks read its CPU time). */
  pid: number;
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
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const entry = options.entry ?? headlessEntry;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mk-e2e-'));
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
      '--no-auth',
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
    const url = await listeningUrl(child);
    return { url, pid: child.pid ?? 0, log: () => stderr, stop };
  } catch (err) {
    await stop();
    throw new Error(`server did not start: ${(err as Error).message}\n${stderr}`);
  }
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error('no `listening on` line in time')), startTimeoutMs);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code}`));
    });
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(forced);
}
