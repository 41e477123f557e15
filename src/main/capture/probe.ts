import { execFile } from 'node:child_process';
import { SourceUnavailable } from './process-source';
import { StderrTail } from './stderr-tail';

/** The first video stream of an input, as ffmpeg reports it. */
export interface VideoInfo {
  /** ffmpeg decoder name, e.g. `mjpeg`, `h264`. */
  codec: string;
  width: number;
  height: number;
}

const STREAM = /Stream #\d+:\d+.*?: Video: (\w+)[^\n]*?, (\d{2,5})x(\d{2,5})/;

/** Reads the first video stream out of ffmpeg's input report (stderr of `ffmpeg -i INPUT`). */
export function parseVideoInfo(report: string): VideoInfo | null {
  const match = STREAM.exec(report);
  return match ? { codec: match[1], width: Number(match[2]), height: Number(match[3]) } : null;
}

/**
 * Opens the input once with ffmpeg (no output, so ffmpeg exits after reporting the input) to learn
 * its codec and size. Throws SourceUnavailable with ffmpeg's last words when it cannot be read.
 * @param mask hides secrets in the error message.
 */
export function probeVideo(
  ffmpeg: string,
  inputArgs: string[],
  options: { timeoutMs?: number; mask?: (text: string) => string } = {},
): Promise<VideoInfo> {
  const mask = options.mask ?? ((text: string) => text);
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostdin', ...inputArgs];
    execFile(ffmpeg, args, { timeout: options.timeoutMs ?? 15_000 }, (err, _stdout, stderr) => {
      const info = parseVideoInfo(stderr);
      if (info) return resolve(info);
      const tail = new StderrTail();
      tail.push(Buffer.from(stderr));
      const why = tail.last() ?? (err?.killed ? 'timed out' : 'no video stream');
      reject(new SourceUnavailable(mask(why)));
    });
  });
}
