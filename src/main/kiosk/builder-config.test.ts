import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(__dirname, '../../..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** `key=value` lines of one group of a .desktop file. */
function desktopEntry(file: string): Record<string, string> {
  const lines = readFileSync(file, 'utf8').split('\n');
  expect(lines[0]).toBe('[Desktop Entry]');
  return Object.fromEntries(
    lines
      .slice(1)
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('electron-builder config', () => {
  it('builds a .deb and an AppImage for x64, arm64 and armv7l', () => {
    const targets = Object.fromEntries(
      config.linux.target.map((t: { target: string; arch: string[] }) => [t.target, t.arch]),
    );
    expect(Object.keys(targets).sort()).toEqual(['AppImage', 'deb']);
    for (const arches of Object.values(targets))
      expect([...(arches as string[])].sort()).toEqual(['arm64', 'armv7l', 'x64']);
  });

  it('makes the deb depend on ffmpeg, and on a font with Hangul for the Korean UI', () => {
    expect(config.deb.depends).toContain('ffmpeg');
    expect(config.deb.depends).toContain('fonts-noto-cjk');
  });

  it('installs the autostart entry from resources into /etc/xdg/autostart, starting the installed executable', () => {
    const mappings = (config.deb.fpm as string[]).map((arg) => arg.split('='));
    const autostart = mappings.find(([, target]) => target?.startsWith('/etc/xdg/autostart/'));
    expect(autostart).toBeDefined();
    const [source, target] = autostart as string[];
    expect(source.startsWith('resources/')).toBe(true);
    expect(existsSync(join(root, source))).toBe(true);
    expect(target).toBe(`/etc/xdg/autostart/${config.executableName}.desktop`);
    const entry = desktopEntry(join(root, source));
    expect(entry.Type).toBe('Application');
    // `env MALLOC_ARENA_MAX=2` first: the engine's allocator setting (docs/benchmarks.md, "Soak").
    expect(entry.Exec.split(' ').slice(0, 3)).toEqual([
      'env',
      'MALLOC_ARENA_MAX=2',
      `/usr/bin/${config.executableName}`,
    ]);
  });

  it("unpacks the JPEG decoder's prebuilt binding with the library beside it, for every Linux arch", () => {
    const prebuilds = join(root, 'node_modules/@julusian/jpeg-turbo/prebuilds');
    expect(config.asarUnpack).toContain('**/node_modules/@julusian/jpeg-turbo/prebuilds/**');
    // electron-builder's armv7l is Node's `arm`.
    for (const arch of ['x64', 'arm64', 'arm']) {
      for (const file of ['node-napi-v7.node', 'libturbojpeg.so.0'])
        expect(existsSync(join(prebuilds, `jpeg-turbo-linux-${arch}`, file)), `${arch}/${file}`).toBe(true);
    }
  });

  it('ships the icons and the example config it names', () => {
    for (const size of [64, 128, 256, 512])
      expect(existsSync(join(root, config.linux.icon, `${size}x${size}.png`))).toBe(true);
    for (const { from } of config.extraResources) expect(existsSync(join(root, from)), from).toBe(true);
  });

  it('rebuilds native modules for Electron and flips the security fuses', () => {
    expect(config.npmRebuild).not.toBe(false);
    expect(pkg.dependencies).toHaveProperty('better-sqlite3');
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('is what `npm run dist` runs', () => {
    expect(pkg.scripts.dist).toMatch(/electron-vite build && electron-builder --linux/);
    expect(pkg.devDependencies).toHaveProperty('electron-builder');
  });
});
