import { spawn } from 'node:child_process';
import type { CropPlan } from './crop';

/** ffmpeg arguments that decode one JPEG from stdin to the plan's `size`×`size` RGB input on stdout. */
export function cropArgs(plan: CropPlan): string[] {
  const { crop, scaledWidth, scaledHeight, size } = plan;
  const filter = [
    `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y}`,
    `scale=${scaledWidth}:${scaledHeight}:flags=bilinear`,
    `pad=${size}:${size}:0:0:black`,
  ].join(',');
  return [
    ...['-v', 'error', '-nostdin', '-threads', '1', '-f', 'image2pipe', '-c:v', 'mjpeg', '-i', 'pipe:0'],
    ...['-vf', filter, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
  ];
}

/**
 * Decodes, crops and scales one camera JPEG with ffmpeg (libjpeg-turbo, SIMD): a few ms of a child
 * process instead of tens of ms of JavaScript decoding, and never on the main thread's frame path.
 */
export function decodeCrop(ffmpeg: string, jpeg: Uint8Array, plan: CropPlan): Promise<Uint8Array> {
  const expected = plan.size * plan.size * 3;
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, cropArgs(plan), { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-300);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const rgb = Buffer.concat(chunks);
      if (code === 0 && rgb.length === expected) resolve(rgb);
      else
        reject(
          new Error(
            `ffmpeg could not decode the crop (exit ${code}): ${stderr.trim() || `${rgb.length} bytes`}`,
          ),
        );
    });
    // A frame ffmpeg refuses closes stdin early; that error is reported by 'close'.
    child.stdin.on('error', () => {});
    child.stdin.end(jpeg);
  });
}
