import { SourceUnavailable } from '../pipeline';
import { runTool } from './run-tool';
import { StderrTail } from './stderr-tail';

/** The first video stream of an input, as ffmpeg reports it. */
export interface VideoInfo {
  /** ffmpeg decoder name, e.g. `mjpeg`, `h264`. */
  codec: string;
  width: number;
  height: number;
  /** ffmpeg's input format (demuxer), e.g. `mpjpeg`, `jpeg_pipe`, `rtsp`; absent when not reported. */
  format?: string;
}

const STREAM = /Stream #\d+:\d+.*?: Video: (\w+)[^\n]*?, (\d{2,5})x(\d{2,5})/;
const INPUT = /Input #0, ([\w,]+), from /;

/** Reads the first video stream out of ffmpeg's input report (stderr of `ffmpeg -i INPUT`). */
export function parseVideoInfo(report: string): VideoInfo | null {
  const match = STREAM.exec(report);
  if (!match) return null;
  const format = INPUT.exec(report)?.[1];
  return {
    codec: match[1],
    width: Number(match[2]),
    height: Number(match[3]),
    ...(format ? { format } : {}),
  };
}

/**
 * Opens the input once with ffmpeg (no output, so ffmpeg exits after reporting the input) to learn
 * its codec and size. Throws SourceUnavailable with ffmpeg's last words when it cannot be read.
 * @param mask hides secrets in the error message.
 */
export async function probeVideo(
  ffmpeg: string,
  inputArgs: string[],
  options: { timeoutMs?: number; signal?: AbortSignal; mask?: (text: string) => string } = {},
): Promise<VideoInfo> {
  const mask = options.mask ?? ((text: string) => text);
  const { stderr } = await runTool(ffmpeg, ['-hide_banner', '-nostdin', ...inputArgs], options);
  const info = parseVideoInfo(stderr);
  if (info) return info;
  const tail = new StderrTail();
  tail.push(Buffer.from(stderr));
  throw new SourceUnavailable(mask(tail.last() ?? 'no video stream found'));
}
