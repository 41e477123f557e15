import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const HEADLESS = new URL('../../headless.ts', import.meta.url).pathname;

/** The real headless app in a child process (so a test can SIGKILL it), on 127.0.0.1, port 0, --no-auth. */
export interface AppProcess {
  child: ChildProcess;
  url: string;
  dataDir: string;
  deviceId(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export async function startApp(opts: {
  dataDir: string;
  source: string;
  config: Record<string, unknown>;
  args?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
}): Promise<AppProcess> {
  const configFile = join(opts.dataDir, 'test-config.json');
  writeFileSync(configFile, JSON.stringify(opts.config));
  const args = [
    ...['--import', 'tsx', HEADLESS, '--port', '0', '--host', '127.0.0.1', '--no-auth'],
    ...['--data-dir', opts.dataDir, '--config', configFile, '--source', opts.source, ...(opts.args ?? [])],
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', process.env.TEST_APP_LOG ? 'inherit' : 'ignore'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('app did not print its URL in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`app exited early (${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = /^listening on (\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    child,
    url,
    dataDir: opts.dataDir,
    deviceId: () => readFileSync(join(opts.dataDir, 'device-id'), 'utf8').trim(),
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
