import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Settings } from '../../shared/settings';
import type { SupervisorOptions } from '../supervisor/supervisor';
import type { FrameSource } from './frame-source';
import { parseSourceSpec } from './source-spec';
import { FileSource } from './sources/file-source';
import { LibcameraSource } from './sources/libcamera-source';
import { SyntheticSource } from './sources/synthetic-source';
import { UrlSource } from './sources/url-source';
import { V4l2Source } from './sources/v4l2-source';
import { WebcamSource } from './sources/webcam-source';

export type { FrameSource, SourceState } from './frame-source';
export { parseSourceSpec, type SourceSpec } from './source-spec';

export interface CreateSourceOptions {
  /** Camera name carried by every event. */
  camera: string;
  /** Capture size, frame rate and analysis width. */
  settings: Settings;
  log: Logger;
  /** ffmpeg binary. Default: `ffmpeg` from PATH, else the one of @ffmpeg-installer/ffmpeg. */
  ffmpeg?: string;
  /** Restart policy (`../supervisor/`); its defaults when absent. */
  supervisor?: SupervisorOptions;
  /** Whether detection will look at the next frame's gray copy (see `SourceOptions.wantsGray`). Default: always. */
  wantsGray?: () => boolean;
  /** Make feeders' gray copies in this process (see `SourceOptions.decodeInProcess`). Default true. */
  decodeInProcess?: boolean;
}

/**
 * Builds the FrameSource for a `--source` value (see source-spec.ts). Throws an Error naming
 * `--source` when the value is invalid; a valid source that cannot capture yet (device missing,
 * camera unreachable) is returned and reports `offline` with the reason, retrying with back-off.
 */
export function createSource(spec: string, options: CreateSourceOptions): FrameSource {
  const parsed = parseSourceSpec(spec);
  switch (parsed.kind) {
    case 'synthetic':
      return new SyntheticSource(options);
    case 'v4l2':
      return new V4l2Source(parsed.device, options);
    case 'libcamera':
      return new LibcameraSource(parsed.index, options);
    case 'url':
      return new UrlSource(parsed.url, options);
    case 'file':
      return new FileSource(parsed.path, parsed.loop, options);
    case 'webcam':
      return new WebcamSource(parsed.device, options);
  }
}

/** `v4l2:/dev/video0` when that device exists, else `synthetic`. */
export function defaultSourceSpec(): string {
  return existsSync('/dev/video0') ? 'v4l2:/dev/video0' : 'synthetic';
}
