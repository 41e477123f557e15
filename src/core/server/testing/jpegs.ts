import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from '../../frames/frame';

/** `count` distinct real JPEGs (ffmpeg's moving test pattern), for feeding a FrameBus in tests. */
export function generateJpegs(count: number, width = 320, height = 240): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'mk-jpegs-'));
  try {
    execFileSync('ffmpeg', [
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=${width}x${height}:rate=30`,
      '-frames:v',
      String(count),
      '-q:v',
      '5',
      join(dir, '%04d.jpg'),
    ]);
    return readdirSync(dir)
      .sort()
      .map((name) => readFileSync(join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A frame around a JPEG; the gray copy is unused by the server. */
export function frameOf(jpeg: Buffer, seq: number): Frame {
  return { seq, ts: Date.now(), jpeg, gray: new Uint8Array(4), width: 2, height: 2 };
}
