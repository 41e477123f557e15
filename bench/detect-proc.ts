import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** Fields of /proc/PID/stat after the command name, 1-based as in proc(5). */
function statFields(pid: number | 'self'): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return ['', pid.toString(), '', ...stat.slice(stat.lastIndexOf(')') + 2).split(' ')];
}

/** CPU time (user + system, all threads) a process has used, in ms. */
export function processCpuMs(pid: number): number {
  const f = statFields(pid);
  return ((Number(f[14]) + Number(f[15])) * 1000) / ticksPerSecond;
}

/** CPU time used by this process's children that have exited and been waited for, in ms. */
export function childrenCpuMs(): number {
  const f = statFields('self');
  return ((Number(f[16]) + Number(f[17])) * 1000) / ticksPerSecond;
}
