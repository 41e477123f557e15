import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ExportProgress } from '../../shared/recording';
import { runTool } from '../capture/ffmpeg/run-tool';
import type { ClipFrame } from './clip-index';
import { CLIP_DATA } from './clip-writer';

export const CLIP_MP4 = 'clip.mp4';

/** An MP4 that exists, or how far making it has got. */
export type ExportResult = { state: 'ready'; path: string; bytes: number } | ExportProgress;

export interface Mp4ExporterOptions {
  ffmpeg: string;
  log: Logger;
  /** Encoders tried in order; the first that works is kept. Default the Pi's `h264_v4l2m2m` when ffmpeg has it, then libx264. */
  encoders?: string[][];
  /** Told when an MP4 is added to a recording's directory, with its size. */
  onMade?(eventId: number, bytes: number): void;
}

interface Job {
  progress: number;
  failed: string | null;
  done: Promise<void>;
}

const LIBX264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
const V4L2M2M = ['-c:v', 'h264_v4l2m2m', '-pix_fmt', 'yuv420p', '-b:v', '4M'];

/**
 * Makes an event's H.264 MP4 on demand: once per clip (a second request while it runs gets the same
 * job's progress), in the background at the lowest CPU priority, cached beside the clip.
 * The clip's own frame times give the frame rate, so the MP4 lasts as long as the event did.
 */
export class Mp4Exporter {
  readonly #opts: Mp4ExporterOptions;
  readonly #jobs = new Map<number, Job>();
  #encoders: Promise<string[][]> | null = null;

  constructor(opts: Mp4ExporterOptions) {
    this.#opts = opts;
  }

  /** The MP4 of `eventId` when made; otherwise starts (or reports) making it. */
  async request(eventId: number, dir: string, frames: ClipFrame[]): Promise<ExportResult> {
    const path = join(dir, CLIP_MP4);
    const job = this.#jobs.get(eventId);
    if (job) {
      if (job.failed) this.#jobs.delete(eventId);
      return { state: job.failed ? 'failed' : 'encoding', progress: job.progress, ...reason(job.failed) };
    }
    if (existsSync(path)) return { state: 'ready', path, bytes: (await stat(path)).size };
    const started: Job = { progress: 0, failed: null, done: Promise.resolve() };
    started.done = this.#make(eventId, dir, frames, started)
      .then(() => {
        this.#jobs.delete(eventId);
      })
      .catch((err: Error) => {
        started.failed = err.message;
        this.#opts.log.warn({ err, eventId }, 'could not make the MP4 of a clip');
      });
    this.#jobs.set(eventId, started);
    return { state: 'encoding', progress: 0 };
  }

  /** True while the MP4 of `eventId` is being made. */
  encoding(eventId: number): boolean {
    const job = this.#jobs.get(eventId);
    return job !== undefined && job.failed === null;
  }

  /** Waits for every running job (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.#jobs.values()].map((job) => job.done));
  }

  async #make(eventId: number, dir: string, frames: ClipFrame[], job: Job): Promise<void> {
    const part = join(dir, `${CLIP_MP4}.part.mp4`);
    const seconds = frames.length > 1 ? (frames[frames.length - 1].ts - frames[0].ts) / 1000 : 0;
    // n frames over the span between the first and last make n - 1 intervals.
    const rate = seconds > 0 ? (frames.length - 1) / seconds : 1;
    const input = ['-f', 'mjpeg', '-framerate', rate.toFixed(6), '-i', join(dir, CLIP_DATA)];
    let lastError = 'no H.264 encoder worked';
    const encoders = await this.#encodersToTry();
    for (const encoder of encoders) {
      const args = [
        ...['-v', 'error', '-nostdin', '-y', ...input, '-frames:v', String(frames.length)],
        ...[...encoder, '-movflags', '+faststart', '-progress', 'pipe:1', part],
      ];
      const error = await this.#encode(args, frames.length, job);
      if (error === null) {
        await rename(part, join(dir, CLIP_MP4));
        this.#opts.onMade?.(eventId, (await stat(join(dir, CLIP_MP4))).size);
        return;
      }
      lastError = error;
      await rm(part, { force: true });
      // An encoder that fails (no hardware behind h264_v4l2m2m) is not tried again while another remains.
      if (encoder !== encoders.at(-1))
        this.#encoders = Promise.resolve(encoders.filter((e) => e !== encoder));
    }
    throw new Error(lastError);
  }

  /** Runs one ffmpeg, following its `-progress` output; resolves with null or a one-line error. */
  #encode(args: string[], total: number, job: Job): Promise<string | null> {
    return new Promise((resolve) => {
      const child = spawn(this.#opts.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      // Export must never slow detection: the lowest priority; on failure (no permission) it still runs.
      if (child.pid) {
        try {
          setPriority(child.pid, 19);
        } catch {}
      }
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        const frame = /frame=(\d+)/.exec(
          text
            .split('\n')
            .filter((l) => l.startsWith('frame='))
            .at(-1) ?? '',
        );
        if (frame) job.progress = Math.min(1, Number(frame[1]) / Math.max(1, total));
      });
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr = (stderr + text).slice(-2000);
      });
      child.on('error', (err) => resolve(err.message));
      child.on('close', (code) =>
        resolve(code === 0 ? null : stderr.trim().split('\n').at(-1) || `ffmpeg exited with ${code}`),
      );
    });
  }

  #encodersToTry(): Promise<string[][]> {
    if (this.#opts.encoders) return Promise.resolve(this.#opts.encoders);
    this.#encoders ??= runTool(this.#opts.ffmpeg, ['-hide_banner', '-encoders'], { timeoutMs: 10_000 }).then(
      (out) => (out.stdout.includes('h264_v4l2m2m') ? [V4L2M2M, LIBX264] : [LIBX264]),
    );
    return this.#encoders;
  }
}

function reason(failed: string | null): { reason?: string } {
  return failed ? { reason: failed } : {};
}
