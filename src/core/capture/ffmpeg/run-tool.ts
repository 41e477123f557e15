import { spawn } from 'node:child_process';
import { track } from '../../supervisor/children';

/** What a short-lived helper program printed. */
export interface ToolOutput {
  stdout: string;
  stderr: string;
  /** False when it exited non-zero, could not start, timed out or was aborted. */
  ok: boolean;
}

/** Output kept per stream; helpers print a few KB at most. */
const MAX_OUTPUT = 1024 * 1024;

/**
 * Runs a short helper (a probe, a device listing) with an argument array, never a shell.
 * Never rejects: callers read what it printed. Aborting or timing out kills it with SIGKILL;
 * either way the promise settles only once the process is gone.
 * @param options.timeoutMs default 15000.
 */
export function runTool(
  command: string,
  args: string[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ToolOutput> {
  return new Promise((resolve) => {
    const child = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    const out = { stdout: '', stderr: '' };
    const collect = (key: keyof typeof out) => (chunk: Buffer) => {
      if (out[key].length < MAX_OUTPUT) out[key] += chunk.toString('utf8');
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    const kill = () => child.kill('SIGKILL');
    const timer = setTimeout(kill, options.timeoutMs ?? 15_000);
    options.signal?.addEventListener('abort', kill, { once: true });
    if (options.signal?.aborted) kill();
    let ok = true;
    child.on('error', () => {
      ok = false;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
      resolve({ ...out, ok: ok && code === 0 });
    });
  });
}
