import { HttpJpegFeeder } from '../feeders/http-jpeg-feeder';
import { globalArgs, mjpegInputArgs, multipartStdinArgs, outputArgs } from '../ffmpeg/ffmpeg-args';
import { probeVideo, type VideoInfo } from '../ffmpeg/probe';
import type { Pipeline } from '../pipeline';
import { ProcessSource, type SourceOptions } from '../process-source';
import { maskUrl, secretsOf } from '../source-spec';

/** Input options per scheme: RTSP over TCP (no UDP loss), HTTP reconnecting and timing out. */
export function urlInputArgs(url: URL): string[] {
  if (url.protocol === 'rtsp:' || url.protocol === 'rtsps:') return ['-rtsp_transport', 'tcp'];
  return [
    '-reconnect',
    '1',
    '-reconnect_streamed',
    '1',
    '-reconnect_delay_max',
    '5',
    '-rw_timeout',
    '10000000',
  ];
}

/** Probe only the first picture: enough for codec and size of an MJPEG camera. */
const QUICK_PROBE = ['-probesize', '32', '-analyzeduration', '0'];

/**
 * ffmpeg arguments for a network camera; MJPEG (typical of HTTP cameras) is passed through.
 * @param quickStart the first picture told codec and size (see UrlSource): ffmpeg starts from it too,
 * instead of reading seconds of stream first.
 */
export function urlArgs(url: URL, info: VideoInfo, analysisWidth: number, quickStart = false): string[] {
  const copy = info.codec === 'mjpeg';
  return [
    ...globalArgs(),
    ...urlInputArgs(url),
    ...(quickStart ? QUICK_PROBE : []),
    ...(copy ? mjpegInputArgs(info.width, analysisWidth) : []),
    ...['-i', url.href],
    ...outputArgs({ copy, analysisWidth }),
  ];
}

/**
 * Whether ffmpeg would read this camera as bare concatenated JPEGs over plain HTTP (`jpeg_pipe`, or
 * `mjpeg` for `video/x-motion-jpeg`): those it cuts only when the next JPEG starts, a frame late.
 */
export function isBareHttpJpeg(url: URL, info: VideoInfo): boolean {
  return url.protocol === 'http:' && (info.format === 'jpeg_pipe' || info.format === 'mjpeg');
}

/**
 * `url:URL`: an RTSP or HTTP network camera. Credentials never appear in logs or status. ffmpeg
 * reads the URL itself, except a bare-JPEG HTTP stream, which Node reads and re-frames (see
 * HttpJpegFeeder) unless the camera wants an authentication Node does not speak.
 */
export class UrlSource extends ProcessSource {
  readonly description: string;
  readonly #secrets: string[];
  /** The camera refused the feeder (HTTP 401): leave the URL to ffmpeg, which speaks digest. */
  #ffmpegReads = false;

  constructor(
    private readonly url: URL,
    options: SourceOptions,
  ) {
    super(options);
    this.description = `camera ${maskUrl(url)}`;
    // Longest first, so that a secret containing another is replaced whole.
    this.#secrets = secretsOf(url)
      .filter((secret) => secret.length >= 3)
      .sort((a, b) => b.length - a.length);
  }

  protected override mask(text: string): string {
    let masked = text.split(this.url.href).join(maskUrl(this.url));
    for (const secret of this.#secrets) masked = masked.split(secret).join('***');
    return masked;
  }

  protected async plan(signal: AbortSignal): Promise<Pipeline> {
    const { info, quick } = await this.#probe(signal);
    const { analysisWidth } = this.options.settings;
    if (this.#ffmpegReads || !isBareHttpJpeg(this.url, info))
      return { args: urlArgs(this.url, info, analysisWidth, quick && info.codec === 'mjpeg') };
    const onUnauthorized = () => {
      this.#ffmpegReads = true;
    };
    return {
      args: multipartStdinArgs(info.width, analysisWidth),
      feeder: new HttpJpegFeeder(this.url, { onUnauthorized }),
    };
  }

  /**
   * Learns codec, size and input format. HTTP cameras are probed from their first picture: by
   * default ffmpeg reads seconds of a bare-JPEG stream first (8 s at 15 fps); if that is not
   * enough (a stream whose size comes later), the full probe follows.
   */
  async #probe(signal: AbortSignal): Promise<{ info: VideoInfo; quick: boolean }> {
    const mask = (text: string) => this.mask(text);
    const input = [...urlInputArgs(this.url), '-i', this.url.href];
    if (this.url.protocol === 'http:' || this.url.protocol === 'https:') {
      const info = await probeVideo(this.ffmpeg, [...QUICK_PROBE, ...input], { mask, signal }).catch(
        () => null,
      );
      if (info && info.width > 0) return { info, quick: true };
    }
    return { info: await probeVideo(this.ffmpeg, input, { mask, signal }), quick: false };
  }
}
