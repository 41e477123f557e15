import { globalArgs, mjpegInputArgs, outputArgs, pipeInputArgs } from './ffmpeg-args';
import { findOnPath } from './ffmpeg-path';
import { type Pipeline, ProcessSource, type SourceOptions, SourceUnavailable } from './process-source';
import { WEBCAM_DEVICE } from './source-spec';
import { StillsFeeder } from './stills-feeder';

/** ffmpeg arguments for JPEG stills written to its stdin as multipart parts. */
export function webcamFfmpegArgs(settings: SourceOptions['settings']): string[] {
  return [
    ...globalArgs(),
    ...pipeInputArgs(),
    ...mjpegInputArgs(settings.captureWidth, settings.analysisWidth),
    ...['-i', 'pipe:0'],
    ...outputArgs({ copy: true, analysisWidth: settings.analysisWidth }),
  ];
}

/** `webcam:DEVICE`: stills from node-webcam (fswebcam); `webcam:test` is fswebcam's built-in test picture. */
export class WebcamSource extends ProcessSource {
  readonly description: string;

  constructor(
    private readonly device: string,
    options: SourceOptions,
  ) {
    super(options);
    // node-webcam builds a shell command line: re-check even though parseSourceSpec already did.
    if (!WEBCAM_DEVICE.test(device)) throw new Error(`--source webcam:${device}: invalid device`);
    this.description = `webcam ${device} (fswebcam stills)`;
  }

  protected async plan(): Promise<Pipeline> {
    if (!findOnPath('fswebcam')) throw new SourceUnavailable('fswebcam not found on PATH; install fswebcam');
    return {
      args: webcamFfmpegArgs(this.options.settings),
      feeder: new StillsFeeder(this.device, this.options.settings),
    };
  }
}
