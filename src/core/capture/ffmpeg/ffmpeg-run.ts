import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { track } from '../../supervisor/children';
import type { CaptureRun, Pipeline, RunEnd } from '../pipeline';
import { FramePairer } from '../splitters/frame-pairer';
import { MjpegSplitter } from '../splitters/mjpeg-splitter';
import { type GrayImage, PgmSplitter } from '../splitters/pgm-splitter';
import { GrayDecoder } from './gray-decoder';
import { StderrTail } from './stderr-tail';

/**
 * One ffmpeg process (and its feeder, if any): reads its two outputs, pairs them picture by
 * picture and reports how it ended. Restarting is the caller's business.
 */
export class FfmpegRun implements CaptureRun {
  readonly #child: ChildProcess;
  readonly #decoder: GrayDecoder | null = null;
  #failure: string | undefined;
  /** Resolves once ffmpeg has exited and its pipes are closed. */
  readonly exited: Promise<void>;

  constructor(
    ffmpeg: string,
    private readonly pipeline: Pipeline,
    onPicture: (jpeg: Buffer, image: GrayImage | null) => void,
    onEnd: (end: RunEnd) => void,
    /** Whether the next frame's gray copy is wanted; frames from a feeder that are not wanted are not decoded. */
    wantsGray?: () => boolean,
  ) {
    const { args, feeder } = pipeline;
    // With a feeder, Node holds each JPEG already and ffmpeg writes only the gray copy.
    const child = track(
      spawn(ffmpeg, args, {
        stdio: feeder ? ['pipe', 'ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'pipe'],
      }),
    );
    this.#child = child;
    const stderr = new StderrTail();
    const pairer = new FramePairer(onPicture);
    const jpegs = new MjpegSplitter((jpeg) => pairer.pushJpeg(jpeg));
    const grays = new PgmSplitter((image) => pairer.pushGray(image));
    child.stdout?.on('data', (chunk: Buffer) => jpegs.push(chunk));
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      try {
        grays.push(chunk);
      } catch (err) {
        this.fail((err as Error).message);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin?.on('error', () => {}); // ffmpeg exiting first closes the pipe; its exit says why
    this.exited = new Promise((resolve) => {
      child.on('error', (err) => this.fail(`cannot run ffmpeg (${ffmpeg}): ${err.message}`));
      child.on('close', (code, signal) => {
        pairer.close();
        void feeder?.stop();
        resolve();
        const lines = stderr.all();
        if (this.#failure) onEnd({ finished: false, message: this.#failure, stderr: lines });
        else if (code === 0) onEnd({ finished: true, stderr: lines });
        else {
          const why = stderr.last() ?? (signal ? `killed by ${signal}` : `exit code ${code}`);
          onEnd({ finished: false, message: `ffmpeg stopped: ${why}`, stderr: lines });
        }
      });
    });
    if (feeder && child.stdin) {
      this.#decoder = new GrayDecoder(child.stdin, pairer, { wantsGray });
      feeder.start(this.#decoder, (message) => this.fail(message));
    }
  }

  /** Decodes the gray copy of a frame passed on without one; null when this run has ended. */
  decode(jpeg: Buffer): Promise<GrayImage | null> {
    return this.#decoder?.decode(jpeg) ?? Promise.resolve(null);
  }

  /** Kills ffmpeg; the first reason given is the one reported. */
  fail(message: string): void {
    this.#failure ??= message;
    this.#child.kill('SIGKILL');
  }

  /** Kills ffmpeg and the feeder; resolves once both are gone. */
  async stop(): Promise<void> {
    this.#child.kill('SIGKILL');
    await Promise.all([this.exited, this.pipeline.feeder?.stop()]);
  }
}
