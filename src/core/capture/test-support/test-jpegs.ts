import { execFileSync } from 'node:child_process';
import { MjpegSplitter } from '../splitters/mjpeg-splitter';

/**
 * `count` pictures of ffmpeg's test pattern (its counter and moving gradient make each differ) at `size`
 * ("640x480"), encoded by `encode` (default JPEG at quality 5) and split as a camera's MJPEG would be.
 */
export function testJpegs(size: string, count: number, encode = ['-c:v', 'mjpeg', '-q:v', '5']): Buffer[] {
  const mjpeg = execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', `testsrc=s=${size}:r=15`, '-frames:v', String(count)],
    ...encode,
    ...['-f', 'mjpeg', '-'],
  ]);
  const jpegs: Buffer[] = [];
  new MjpegSplitter((jpeg) => jpegs.push(jpeg)).push(mjpeg);
  return jpegs;
}
