import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built plain-Node server (`npm run build`). */
export const headlessEntry = join(__dirname, '..', 'out', 'main', 'headless.js');

/** A real server on a free port with the synthetic camera, as the e2e tests and the UI benchmark use it. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Everything the server wrote to stderr so far (its log), for failure messages. */
  log(): string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/** Longest wait for the `listening on` line, in ms. */
const startTimeoutMs = 60_000;

export async function startServer(): Promise<RunningServer> {
  if (!existsSync(headlessEntry)) throw new Error(`${headlessEntry} is missing: run \`npm run build\` first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'mk-e2e-'));
  const child = spawn(
    process.execPath,
    [
      headlessEntry,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data-dir',
      dataDir,
      '--no-auth',
      '--source',
      'synthetic',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const stop = async () => {
    await kill(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await listeningUrl(child);
    return { url, log: () => stderr, stop };
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
