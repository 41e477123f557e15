import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FPS, HEIGHT, type Scenario, WIDTH } from './scenarios';

const run = promisify(execFile);

/** A static textured "room": stripes and tiles, so that JPEG and noise behave as on a real scene. */
const roomFilter = `color=c=0x707070:s=${WIDTH}x${HEIGHT}:d=1,format=gray,geq=lum='112+30*sin(X/19)*cos(Y/27)+18*sin((X*3+Y)/11)+40*gt(mod(floor(X/80)+floor(Y/60)\\,3)\\,1)'`;

/** ffmpeg arguments that render `scenario` from the room image to an MJPEG stream (bare concatenated JPEGs). */
export function clipArgs(scenario: Scenario, room: string, out: string): string[] {
  const inputs = ['-loop', '1', '-framerate', String(FPS), '-i', room];
  const chain: string[] = ['[0:v]format=yuv420p[s0]'];
  scenario.objects.forEach((o, i) => {
    inputs.push(
      '-f',
      'lavfi',
      '-i',
      `color=c=0x${o.level.toString(16).padStart(2, '0').repeat(3)}:s=${o.w}x${o.h}:r=${FPS}`,
    );
    chain.push(
      `[s${i}][${i + 1}:v]overlay=x='${o.x}':y='${o.y}':enable='between(n,${o.from},${o.to})'[s${i + 1}]`,
    );
  });
  const finish = [`noise=alls=${scenario.noise ?? 6}:allf=t`, 'format=yuvj420p'];
  if (scenario.brightness) finish.unshift(`eq=brightness='${scenario.brightness}':eval=frame`);
  // eq computes (luma - 0.5) * contrast + 0.5 + brightness: contrast g with brightness (g - 1) / 2 is a gain g.
  if (scenario.gain)
    finish.unshift(`eq=contrast='${scenario.gain}':brightness='(${scenario.gain}-1)/2':eval=frame`);
  chain.push(`[s${scenario.objects.length}]${finish.join(',')}`);
  return [
    ...['-v', 'error', '-y', ...inputs, '-filter_complex', chain.join(';')],
    ...['-frames:v', String(scenario.seconds * FPS), '-c:v', 'mjpeg', '-q:v', '5', '-f', 'mjpeg', out],
  ];
}

/** Where generated clips are cached between runs; keyed by their ffmpeg arguments. */
export const clipDir = join(tmpdir(), 'motion-kiosk-clips');

/**
 * Renders the scenario's clip once and returns its path; later calls (the test suite, the benchmark)
 * reuse it. Written under a temporary name and renamed, so concurrent runs never read half a clip.
 */
export async function ensureClip(scenario: Scenario): Promise<string> {
  await mkdir(clipDir, { recursive: true });
  const room = join(clipDir, 'room.png');
  if (!existsSync(room)) {
    const tmp = `${room}.${process.pid}.png`;
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', roomFilter, '-frames:v', '1', tmp]);
    await rename(tmp, room);
  }
  const key = createHash('sha1')
    .update(clipArgs(scenario, room, '').join(' '))
    .digest('hex')
    .slice(0, 10);
  const out = join(clipDir, `${scenario.name}-${key}.mjpeg`);
  if (!existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`;
    await run('ffmpeg', clipArgs(scenario, room, tmp));
    await rename(tmp, out);
  }
  return out;
}

/** Decodes an MJPEG clip to 8-bit gray frames `width` wide (4:3), as a camera source would. */
export function decodeGray(clip: string, width: number): Promise<Uint8Array[]> {
  const height = Math.round((width * HEIGHT) / WIDTH);
  const size = width * height;
  // Like the camera sources: the JPEG decoder scales by 1/2, 1/4 or 1/8 itself (cheapest), else ffmpeg scales.
  const lowres = [1, 2, 3].find((r) => WIDTH >> r === width);
  const args = [
    '-v',
    'error',
    ...(lowres ? ['-lowres', String(lowres)] : []),
    '-f',
    'mjpeg',
    '-framerate',
    String(FPS),
  ];
  const filter = lowres ? 'format=gray' : `scale=${width}:${height}:flags=area,format=gray`;
  args.push('-i', clip, '-vf', filter, '-f', 'rawvideo', 'pipe:1');
  return new Promise((resolve, reject) => {
    const ffmpeg = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    ffmpeg.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    ffmpeg.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    ffmpeg.on('error', reject);
    ffmpeg.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`ffmpeg decoding ${clip} exited with ${code}: ${stderr.trim()}`));
      const all = Buffer.concat(chunks);
      const frames: Uint8Array[] = [];
      for (let at = 0; at + size <= all.length; at += size)
        frames.push(new Uint8Array(all.buffer, all.byteOffset + at, size));
      resolve(frames);
    });
  });
}
