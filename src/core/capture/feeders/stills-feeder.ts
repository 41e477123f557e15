import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import NodeWebcam from 'node-webcam';
import type { Feeder, JpegSink } from '../pipeline';
import type { SourceOptions } from '../process-source';

/** node-webcam writes each still to a file named in a shell command: the path must be this plain. */
const SHELL_SAFE_PATH = /^[A-Za-z0-9._/-]+$/;

/** Takes stills with node-webcam (fswebcam) in a loop, at most `frameRate` per second, into ffmpeg. */
export class StillsFeeder implements Feeder {
  #running = false;
  #loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly device: string,
    private readonly settings: SourceOptions['settings'],
  ) {}

  start(sink: JpegSink, onExit: (message: string) => void): void {
    this.#running = true;
    this.#loop = this.#run(sink).catch((err: Error) => {
      if (this.#running) onExit(`fswebcam ${this.device}: ${err.message.trim().split('\n').at(-1)}`);
    });
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }

  async #run(sink: JpegSink): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'motion-kiosk-webcam-'));
    try {
      if (!SHELL_SAFE_PATH.test(dir))
        throw new Error(`temporary directory ${dir} has characters unsafe for a shell`);
      const { captureWidth: width, captureHeight: height, frameRate } = this.settings;
      const webcam = new NodeWebcam.FSWebcam({
        ...{ width, height, quality: 90, delay: 0, output: 'jpeg', callbackReturn: 'buffer' },
        ...{ device: this.device, saveShots: false, verbose: false },
      });
      const still = join(dir, 'still.jpg');
      const interval = 1000 / frameRate;
      while (this.#running) {
        const started = Date.now();
        const jpeg = await new Promise<Buffer>((resolve, reject) =>
          webcam.capture(still, (err, data) => (err ? reject(err) : resolve(data))),
        );
        if (!this.#running) break;
        sink.write(jpeg);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, interval - (Date.now() - started))));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
