import { globalArgs, mjpegInputArgs, outputArgs } from './ffmpeg-args';
import { probeVideo, type VideoInfo } from './probe';
import { type Pipeline, ProcessSource, type SourceOptions } from './process-source';
import { maskUrl, secretsOf } from './source-spec';

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

/** ffmpeg arguments for a network camera; MJPEG (typical of HTTP cameras) is passed through. */
export function urlArgs(url: URL, info: VideoInfo, analysisWidth: number): string[] {
  const copy = info.codec === 'mjpeg';
  return [
    ...globalArgs(),
    ...urlInputArgs(url),
    ...(copy ? mjpegInputArgs(info.width, analysisWidth) : []),
    ...['-i', url.href],
    ...outputArgs({ copy, analysisWidth }),
  ];
}

/** `url:URL`: an RTSP or HTTP network camera. Credentials never appear in logs or status. */
export class UrlSource extends ProcessSource {
  readonly description: string;
  readonly #secrets: string[];

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
    const mask = (text: string) => this.mask(text);
    const info = await probeVideo(this.ffmpeg, [...urlInputArgs(this.url), '-i', this.url.href], {
      mask,
      signal,
    });
    return { args: urlArgs(this.url, info, this.options.settings.analysisWidth) };
  }
}
