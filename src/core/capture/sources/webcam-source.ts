import { StillsFeeder } from '../feeders/stills-feeder';
import { multipartStdinArgs } from '../ffmpeg/ffmpeg-args';
import { findOnPath } from '../ffmpeg/ffmpeg-path';
import { type Pipeline, SourceUnavailable } from '../pipeline';
import { ProcessSource, type SourceOptions } from '../process-source';
import { WEBCAM_DEVICE } from '../source-spec';

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
      args: multipartStdinArgs(this.options.settings.captureWidth, this.options.settings.analysisWidth),
      feeder: new StillsFeeder(this.device, this.options.settings),
    };
  }
}
