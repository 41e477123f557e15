import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOnPath, resolveFfmpeg, unpackedPath } from './ffmpeg-path';

describe('ffmpeg path', () => {
  it('finds an executable on PATH and skips directories without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-path-'));
    const tool = join(dir, 'mk-tool');
    writeFileSync(tool, '#!/bin/sh\n');
    chmodSync(tool, 0o755);
    expect(findOnPath('mk-tool', ['/nonexistent', dir].join(':'))).toBe(tool);
    expect(findOnPath('mk-tool', '/nonexistent')).toBeNull();
  });

  it('resolves an ffmpeg that exists', () => {
    expect(resolveFfmpeg()).toMatch(/ffmpeg$/);
  });

  it('points a packaged binary at app.asar.unpacked, where it can run', () => {
    expect(
      unpackedPath('/opt/motion-kiosk/resources/app.asar/node_modules/@ffmpeg-installer/linux-arm64/ffmpeg'),
    ).toBe('/opt/motion-kiosk/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-arm64/ffmpeg');
    expect(unpackedPath('/work/node_modules/@ffmpeg-installer/linux-x64/ffmpeg')).toBe(
      '/work/node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    );
  });
});
