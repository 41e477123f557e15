import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Settings } from '../../shared/settings';
import type { FrameSource } from './frame';
import type { SourceOptions } from './process-source';
import { parseSourceSpec } from './source-spec';
import { SyntheticSource } from './synthetic-source';

export type { Frame, FrameSource, SourceState } from './frame';
export { FrameBus } from './frame-bus';
export { parseSourceSpec, type SourceSpec } from './source-spec';

export interface CreateSourceOptions {
  /** Camera name carried by every event. */
  camera: string;
  /** Capture size, frame rate and analysis width. */
  settings: Settings;
  log: Logger;
  /** ffmpeg binary. Default: `ffmpeg` from PATH, else the one of @ffmpeg-installer/ffmpeg. */
  ffmpeg?: string;
}

/**
 * Builds the FrameSource for a `--source` value (see source-spec.ts). Throws an Error naming
 * `--source` when the value is invalid; a valid source that cannot capture yet (device missing,
 * camera unreachable) is returned and reports `offline` with the reason, retrying with back-off.
 */
export function createSource(spec: string, options: CreateSourceOptions): FrameSource {
  const parsed = parseSourceSpec(spec);
  const base: SourceOptions = { ...options, log: options.log.child({ camera: options.camera }) };
  switch (parsed.kind) {
    case 'synthetic':
      return new SyntheticSource(base);
    default:
      throw new Error(`--source ${parsed.kind}: not implemented yet`);
  }
}

/** `v4l2:/dev/video0` when that device exists, else `synthetic`. */
export function defaultSourceSpec(): string {
  return existsSync('/dev/video0') ? 'v4l2:/dev/video0' : 'synthetic';
}
