import { ChildFeeder } from '../feeders/child-feeder';
import { multipartStdinArgs } from '../ffmpeg/ffmpeg-args';
import { findOnPath } from '../ffmpeg/ffmpeg-path';
import { runTool } from '../ffmpeg/run-tool';
import { type Pipeline, SourceUnavailable } from '../pipeline';
import { ProcessSource, type SourceOptions } from '../process-source';
import { parseCameraList, rpicamVidArgs } from './libcamera';

/** The first of the Raspberry Pi camera apps' names found on PATH (new name first). */
function findApp(kind: 'vid' | 'hello'): string | null {
  return findOnPath(`rpicam-${kind}`) ?? findOnPath(`libcamera-${kind}`);
}

/** `libcamera[:N]`: a Raspberry Pi camera through rpicam-vid, whose MJPEG ffmpeg passes through. */
export class LibcameraSource extends ProcessSource {
  readonly description: string;

  constructor(
    private readonly index: number,
    options: SourceOptions,
  ) {
    super(options);
    this.description = `libcamera camera ${index}`;
  }

  protected async plan(signal: AbortSignal): Promise<Pipeline> {
    const vid = findApp('vid');
    if (!vid) {
      throw new SourceUnavailable('rpicam-vid (or libcamera-vid) not found on PATH; install rpicam-apps');
    }
    await this.#checkCamera(signal);
    const { captureWidth: width, captureHeight: height, frameRate } = this.options.settings;
    return {
      args: multipartStdinArgs(this.options.settings.captureWidth, this.options.settings.analysisWidth),
      feeder: new ChildFeeder(vid, rpicamVidArgs({ index: this.index, width, height, frameRate })),
    };
  }

  /** Fails early with a clear reason when the camera is not listed (skipped if rpicam-hello is missing). */
  async #checkCamera(signal: AbortSignal): Promise<void> {
    const hello = findApp('hello');
    if (!hello) return;
    const { stdout, stderr } = await runTool(hello, ['--list-cameras'], { signal });
    const output = stdout + stderr;
    const cameras = parseCameraList(output);
    if (!cameras.some((camera) => camera.index === this.index)) {
      const found = cameras.map((camera) => `${camera.index}: ${camera.sensor}`).join(', ') || 'none';
      throw new SourceUnavailable(`libcamera camera ${this.index} not found (cameras: ${found})`);
    }
  }
}
