import { readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { modelFiles } from '../../core/labels/centernet';

// electron-builder's own file matchers (the ones `npm run dist` runs) over the files of
// @vladmandic/human and @julusian/jpeg-turbo as installed: the app files' matcher (`files` with electron-builder's defaults) and
// the node_modules matcher (which takes only the `!` patterns of `files`).
const root = join(__dirname, '../../..');

interface Matcher {
  createFilter(): (file: string, stat: Stats) => boolean;
}
// Not in the package's typings (internal), but what its packager calls.
const { getMainFileMatchers, getNodeModuleFileMatcher } = createRequire(join(root, 'package.json'))(
  'app-builder-lib/out/fileMatcher',
) as {
  getMainFileMatchers(...args: unknown[]): Matcher[];
  getNodeModuleFileMatcher(...args: unknown[]): Matcher;
};
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const human = join(root, 'node_modules', '@vladmandic', 'human');
const expand = (pattern: string) => pattern;
const debugLogger = { isEnabled: false };

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The files a filter keeps; a directory it refuses is not descended into, as electron-builder's copy does. */
function kept(filter: (file: string, stat: Stats) => boolean, dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (!filter(path, statSync(path))) return [];
    return entry.isDirectory() ? kept(filter, path) : [relative(root, path)];
  });
}

const packager = {
  info: {
    projectDir: root,
    buildResourcesDir: 'resources',
    isPrepackedAppAsar: false,
    config,
    debugLogger,
  },
};
const appMatchers = getMainFileMatchers(
  root,
  '/app',
  expand,
  {},
  packager as never,
  join(root, 'dist'),
  false,
);
const moduleMatcher = getNodeModuleFileMatcher(root, '/app', expand, {}, { config, debugLogger });

describe('what the installer takes of @vladmandic/human (44 MB installed)', () => {
  it('the node_modules copy takes none of its files', () => {
    expect(walk(human).length).toBeGreaterThan(200);
    const filter = moduleMatcher.createFilter();
    expect(walk(human).filter((file) => filter(file, statSync(file)))).toEqual([]);
  });

  it('the app files take back exactly its licence, package.json and the CenterNet model the label worker reads', () => {
    const files = appMatchers.flatMap((matcher) => kept(matcher.createFilter(), human));
    const model = modelFiles();
    expect(files.sort()).toEqual(
      [
        'node_modules/@vladmandic/human/LICENSE',
        relative(root, model.bin),
        relative(root, model.json),
        'node_modules/@vladmandic/human/package.json',
      ].sort(),
    );
    const bytes = files.reduce((sum, file) => sum + statSync(join(root, file)).size, 0);
    expect(bytes).toBeLessThan(5_000_000);
  });
});

describe("what the installer takes of the JPEG decoder's prebuilt bindings", () => {
  it('the glibc Linux ones for x64, arm64 and armv7l, no other OS or libc', () => {
    const prebuilds = join(root, 'node_modules/@julusian/jpeg-turbo/prebuilds');
    const files = kept(moduleMatcher.createFilter(), prebuilds);
    const folders = new Set(files.map((file) => relative(prebuilds, join(root, file)).split('/')[0]));
    expect([...folders].sort()).toEqual([
      'jpeg-turbo-linux-arm',
      'jpeg-turbo-linux-arm64',
      'jpeg-turbo-linux-x64',
    ]);
    expect(walk(prebuilds).length).toBeGreaterThan(files.length);
  });
});
