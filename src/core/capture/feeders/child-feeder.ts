import { type ChildProcess, spawn } from 'node:child_process';
import { track } from '../../supervisor/children';
import { StderrTail } from '../ffmpeg/stderr-tail';
import type { Feeder, JpegSink } from '../pipeline';
import { MjpegSplitter } from '../splitters/mjpeg-splitter';

/** How long a child gets to end on SIGTERM before SIGKILL, ms. */
const KILL_GRACE_MS = 2000;

/**
 * Runs a program whose stdout is bare concatenated JPEGs, cut at each end-of-image marker (so a picture
 * is handed on when it is complete, not when the next begins); used for rpicam-vid.
 */
export class ChildFeeder implements Feeder {
  #child: ChildProcess | null = null;
  #closed: Promise<void> = Promise.resolve();

  constructor(
    private readonly command: string,
    private readonly args: string[],
  ) {}

  start(sink: JpegSink, onExit: (message: string) => void): void {
    const child = track(spawn(this.command, this.args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    this.#child = child;
    const stderr = new StderrTail();
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const splitter = new MjpegSplitter((jpeg) => sink.write(jpeg));
    child.stdout?.on('data', (chunk: Buffer) => splitter.push(chunk));
    child.stdout?.on('end', () => sink.end());
    this.#closed = new Promise((resolve) => {
      child.on('error', (err) => onExit(`cannot run ${this.command}: ${err.message}`));
      child.on('close', (code, signal) => {
        resolve();
        if (this.#child !== child) return;
        this.#child = null;
        onExit(
          `${this.command} stopped: ${stderr.last() ?? (signal ? `killed by ${signal}` : `exit code ${code}`)}`,
        );
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      await this.#closed;
      clearTimeout(timer);
    }
    await this.#closed;
  }
}
