import { globalArgs, mjpegInputArgs, outputArgs } from '../ffmpeg/ffmpeg-args';
import { probeVideo, type VideoInfo } from '../ffmpeg/probe';
import type { Pipeline } from '../pipeline';
import { ProcessSource, type SourceOptions } from '../process-source';

/** ffmpeg arguments to replay a file at its native rate; MJPEG is passed through, anything else encoded. */
export function fileArgs(path: string, loop: boolean, info: VideoInfo, analysisWidth: number): string[] {
  const copy = info.codec === 'mjpeg';
  return [
    ...globalArgs(),
    '-re',
    ...(loop ? ['-stream_loop', '-1'] : []),
    ...(copy ? mjpegInputArgs(info.width, analysisWidth) : []),
    // The file: protocol prefix keeps ffmpeg from reading a protocol out of the file name.
    ...['-i', `file:${path}`],
    ...outputArgs({ copy, analysisWidth }),
  ];
}

/** `file:PATH[?loop]`: a video replayed at its native rate, once or forever. */
export class FileSource extends ProcessSource {
  readonly description: string;

  constructor(
    private readonly path: string,
    private readonly loop: boolean,
    options: SourceOptions,
  ) {
    super(options);
    this.description = `file ${path}${loop ? ' (looped)' : ''}`;
  }

  protected override restartAfterEnd(): boolean {
    return this.loop;
  }

  protected async plan(signal: AbortSignal): Promise<Pipeline> {
    const info = await probeVideo(this.ffmpeg, ['-i', `file:${this.path}`], { signal });
    return { args: fileArgs(this.path, this.loop, info, this.options.settings.analysisWidth) };
  }
}
