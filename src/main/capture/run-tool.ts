import { execFile } from 'node:child_process';

/** What a short-lived helper program printed. */
export interface ToolOutput {
  stdout: string;
  stderr: string;
  /** False when it exited non-zero, could not start, timed out or was aborted. */
  ok: boolean;
}

/**
 * Runs a short helper (a probe, a device listing) with an argument array, never a shell.
 * Never rejects: callers read what it printed. Aborting or timing out kills it with SIGKILL.
 * @param options.timeoutMs default 15000.
 */
export function runTool(
  command: string,
  args: string[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ToolOutput> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs ?? 15_000, signal: options.signal, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => resolve({ stdout: String(stdout), stderr: String(stderr), ok: !err }),
    );
  });
}
