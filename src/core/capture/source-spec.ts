import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** A validated `--source` value. */
export type SourceSpec =
  | { kind: 'synthetic' }
  | { kind: 'v4l2'; device: string }
  | { kind: 'libcamera'; index: number }
  | { kind: 'url'; url: URL }
  | { kind: 'file'; path: string; loop: boolean }
  | { kind: 'webcam'; device: string };

/** `/dev/videoN`, or a stable udev name such as `/dev/v4l/by-id/usb-046d_C270-video-index0`. */
export const DEVICE_PATH = /^(\/dev\/video\d{1,3}|\/dev\/v4l\/by-(id|path)\/[A-Za-z0-9._:-]{1,200})$/;
/** node-webcam puts the device into a shell command line: only these ever reach it. */
export const WEBCAM_DEVICE = /^(\/dev\/video\d{1,3}|\/dev\/v4l\/by-id\/[A-Za-z0-9._:-]{1,200}|test)$/;
const URL_SCHEMES = ['rtsp:', 'rtsps:', 'http:', 'https:'];
/** Suffix of `file:PATH` that replays the file forever. */
export const LOOP_SUFFIX = '?loop';
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const WHITESPACE = /\s/;

/** Errors are printed and logged: the spec is shown without URL credentials or secret query values. */
function invalid(spec: string, why: string): Error {
  const shown = spec
    .replace(/\/\/[^/?#]*@/, '//***@')
    .replace(/([?&][^=&#]*(?:user|pass|pwd|token|key|auth|secret)[^=&#]*=)[^&#]*/gi, '$1***');
  return new Error(`--source ${JSON.stringify(shown)}: ${why}`);
}

/**
 * Parses and validates a `--source` value. Throws an Error naming `--source` and the problem.
 * Forms: `synthetic`, `v4l2:/dev/videoN`, `libcamera[:N]`, `url:rtsp|rtsps|http|https://…`,
 * `file:PATH[?loop]` (PATH must be a regular file; it may contain spaces), `webcam:DEVICE|test`.
 */
export function parseSourceSpec(spec: string): SourceSpec {
  if (CONTROL.test(spec)) throw invalid(spec, 'control characters are not allowed');
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const arg = colon < 0 ? '' : spec.slice(colon + 1);
  if (kind !== 'file' && WHITESPACE.test(spec)) throw invalid(spec, 'whitespace is not allowed');
  switch (kind) {
    case 'synthetic':
      if (arg) throw invalid(spec, 'synthetic takes no argument');
      return { kind };
    case 'v4l2':
      if (!DEVICE_PATH.test(arg))
        throw invalid(spec, 'expected v4l2:/dev/videoN or v4l2:/dev/v4l/by-id/NAME');
      return { kind, device: arg };
    case 'webcam':
      if (!WEBCAM_DEVICE.test(arg)) {
        throw invalid(spec, 'expected webcam:/dev/videoN, webcam:/dev/v4l/by-id/NAME or webcam:test');
      }
      return { kind, device: arg };
    case 'libcamera':
      if (colon >= 0 && !/^\d{1,2}$/.test(arg))
        throw invalid(spec, 'expected libcamera or libcamera:N (camera index)');
      return { kind, index: arg ? Number(arg) : 0 };
    case 'url':
      return { kind, url: parseCameraUrl(spec, arg) };
    case 'file':
      return parseFile(spec, arg);
    default:
      throw invalid(spec, 'unknown kind; expected synthetic, v4l2:, libcamera, url:, file: or webcam:');
  }
}

function parseCameraUrl(spec: string, arg: string): URL {
  let url: URL;
  try {
    url = new URL(arg);
  } catch {
    throw invalid(spec, 'not a valid URL');
  }
  if (!URL_SCHEMES.includes(url.protocol))
    throw invalid(spec, 'URL scheme must be rtsp, rtsps, http or https');
  if (!url.hostname) throw invalid(spec, 'URL has no host');
  return url;
}

function parseFile(spec: string, arg: string): SourceSpec {
  const loop = arg.endsWith(LOOP_SUFFIX);
  const given = loop ? arg.slice(0, -LOOP_SUFFIX.length) : arg;
  if (!given) throw invalid(spec, 'expected file:PATH');
  const path = resolve(given);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw invalid(spec, `${path} does not exist`);
  }
  if (!isFile) throw invalid(spec, `${path} is not a regular file`);
  return { kind: 'file', path, loop };
}

/** Query parameters whose values are treated as secrets. */
const SECRET_PARAM = /user|pass|pwd|token|key|auth|secret/i;

/** The URL with user, password and secret-looking query values replaced by `***`, for logs and status. */
export function maskUrl(url: URL): string {
  const masked = new URL(url.href);
  if (masked.username) masked.username = '***';
  if (masked.password) masked.password = '***';
  for (const name of [...masked.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) masked.searchParams.set(name, '***');
  }
  return masked.href;
}

/** Percent-decoded, or as it is when it is not valid percent-encoding (a literal `%` in a password). */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The strings of a URL that must never be shown: user, password and secret-looking query values,
 * each as written in the URL (how ffmpeg echoes it) and decoded.
 */
export function secretsOf(url: URL): string[] {
  const values = [url.username, url.password];
  for (const pair of url.search.slice(1).split('&')) {
    const [name, raw = ''] = pair.split(/=(.*)/s);
    if (SECRET_PARAM.test(decoded(name.replace(/\+/g, ' '))))
      values.push(raw, decoded(raw.replace(/\+/g, ' ')));
  }
  return values.flatMap((value) => [value, decoded(value)]);
}
