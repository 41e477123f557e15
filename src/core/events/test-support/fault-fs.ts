import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real file-system faults for tests: a small tmpfs that fills up, a directory remounted read-only.
 * Needs root (mount); `why` says why the tests skip otherwise.
 */
export const faultFs = probe();

function probe(): { ok: boolean; why: string } {
  if (process.platform !== 'linux') return { ok: false, why: 'needs Linux mounts' };
  if (process.getuid?.() !== 0) return { ok: false, why: 'needs root to mount a tmpfs (CI runs as root)' };
  const dir = mkdtempSync(join(tmpdir(), 'mk-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return { ok: true, why: '' };
  } catch {
    return { ok: false, why: 'mount is not permitted here (a container without CAP_SYS_ADMIN?)' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mounts a tmpfs of `sizeKiB` on a new directory and returns it. */
export function mountTmpfs(sizeKiB: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'mk-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir]);
  return dir;
}

/** Unmounts everything mounted on `dir` (bind mounts inside first) and removes it. */
export function unmount(dir: string): void {
  try {
    execFileSync('umount', ['-R', dir], { stdio: 'ignore' });
  } catch {
    // Still busy (a file open in a test that failed): detach it now, the kernel frees it when closed.
    execFileSync('umount', ['-R', '-l', dir], { stdio: 'ignore' });
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Fills the file system holding `dir` until a write fails; returns the filler file to delete later. */
export function fill(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 0xaa);
  try {
    // Bounded: a tmpfs of a few MiB fills in a few hundred pages (tmpfs allocates whole pages).
    for (let i = 0; i < 1_000_000; i++) writeSync(fd, block);
  } catch {
    // ENOSPC: full, which is the point.
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Makes `dir` read-only in place (a read-only bind mount on itself); `writable` undoes it. */
export function makeReadOnly(dir: string): void {
  execFileSync('mount', ['--bind', dir, dir]);
  execFileSync('mount', ['-o', 'remount,ro,bind', dir]);
}

export function makeWritable(dir: string): void {
  execFileSync('umount', [dir]);
}
