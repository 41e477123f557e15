import { existsSync } from 'node:fs';
import { globalArgs, mjpegInputArgs, outputArgs } from '../ffmpeg/ffmpeg-args';
import { runTool } from '../ffmpeg/run-tool';
import { type Pipeline, SourceUnavailable } from '../pipeline';
import { ProcessSource, type SourceOptions } from '../process-source';

/** Whether `ffmpeg -f v4l2 -list_formats all` output offers compressed MJPEG. */
export function offersMjpeg(listFormatsOutput: string): boolean {
  return /Compressed\s*:\s*mjpeg\s*:/.test(listFormatsOutput);
}

/** Asks ffmpeg which formats the device offers; its report is empty when it cannot tell. */
async function listFormats(ffmpeg: string, device: string, signal: AbortSignal): Promise<string> {
  const args = ['-hide_banner', '-nostdin', '-f', 'v4l2', '-list_formats', 'all', '-i', device];
  return (await runTool(ffmpeg, args, { timeoutMs: 10_000, signal })).stderr;
}

/** ffmpeg arguments for a V4L2 device: MJPEG passed through when offered, else raw frames encoded. */
export function v4l2Args(device: string, mjpeg: boolean, settings: SourceOptions['settings']): string[] {
  const { captureWidth, captureHeight, frameRate, analysisWidth } = settings;
  return [
    ...globalArgs(),
    ...['-f', 'v4l2', ...(mjpeg ? ['-input_format', 'mjpeg'] : [])],
    ...['-video_size', `${captureWidth}x${captureHeight}`, '-framerate', String(frameRate)],
    ...(mjpeg ? mjpegInputArgs(captureWidth, analysisWidth) : []),
    ...['-i', device],
    ...outputArgs({ copy: mjpeg, analysisWidth }),
  ];
}

/** `v4l2:/dev/videoN`: a USB (UVC) camera read by ffmpeg. */
export class V4l2Source extends ProcessSource {
  readonly description: string;

  constructor(
    private readonly device: string,
    options: SourceOptions,
  ) {
    super(options);
    this.description = `v4l2 camera ${device}`;
  }

  protected async plan(signal: AbortSignal): Promise<Pipeline> {
    if (!existsSync(this.device)) {
      throw new SourceUnavailable(`camera ${this.device} not found (unplugged, or another device name?)`);
    }
    const mjpeg = offersMjpeg(await listFormats(this.ffmpeg, this.device, signal));
    if (!mjpeg) this.log.info(`${this.device} offers no MJPEG; encoding its raw frames`);
    return { args: v4l2Args(this.device, mjpeg, this.options.settings) };
  }
}
