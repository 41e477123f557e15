import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { track } from '../../supervisor/children';
import { StderrTail } from '../ffmpeg/stderr-tail';
import type { Feeder } from '../pipeline';
import { JpegReframer } from '../splitters/jpeg-reframer';

/** How long a child gets to end on SIGTERM before SIGKILL, ms. */
const KILL_GRACE_MS = 2000;

/**
 * Runs a program whose stdout (bare concatenated JPEGs) becomes ffmpeg's stdin as multipart parts
 * (`-f mpjpeg`, see JpegReframer); used for rpicam-vid.
 */
export class ChildFeeder implements Feeder {
  #child: ChildProcess | null = null;
  #closed: Promise<void> = Promise.resolve();

  constructor(
    private readonly command: string,
    private readonly args: string[],
  ) {}

  start(stdin: Writable, onExit: (message: string) => void, onJpeg: (jpeg: Buffer) => void): void {
    const child = track(spawn(this.command, this.args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    this.#child = child;
    const stderr = new StderrTail();
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const reframer = new JpegReframer(stdin, onJpeg);
    child.stdout?.on('data', (chunk: Buffer) => reframer.push(chunk));
    child.stdout?.on('end', () => stdin.end());
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
