import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENGINE_V8_FLAGS } from '../scripts/engine-flags.mjs';
// @ts-expect-error: a plain .mjs script without type declarations
import { electronCommand } from '../scripts/start.mjs';

const root = join(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const flags: string = ENGINE_V8_FLAGS.join(' ');

// The engine's V8 flags are written in several launchers that cannot import one another; a launcher
// left behind would run the engine with a different CPU and memory profile than the benchmarks measured.
describe('every launcher starts the engine with ENGINE_V8_FLAGS (scripts/engine-flags.mjs)', () => {
  it('npm run serve', () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    expect(scripts.serve).toContain(`node ${flags} out/main/headless.js`);
  });

  it('the systemd unit', () => {
    expect(read('resources/motion-kiosk.service')).toMatch(
      new RegExp(`^ExecStart=/usr/bin/node ${flags} /`, 'm'),
    );
  });

  it("the kiosk's autostart entry and the installer's desktop entry, as one quoted argument", () => {
    const quoted = `"--js-flags=${flags}"`;
    expect(read('resources/autostart/motion-kiosk.desktop')).toContain(` ${quoted}`);
    const builder = parse(read('electron-builder.yml')) as { linux: { executableArgs: string[] } };
    expect(builder.linux.executableArgs).toContain(quoted);
  });

  it('npm start, with Electron and without', () => {
    expect(electronCommand('electron', [], 'x.node', {}).args).toContain(`--js-flags=${flags}`);
    expect(read('scripts/start.mjs')).toContain('[...ENGINE_V8_FLAGS, join(root, ');
  });
});
