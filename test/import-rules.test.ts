import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImports, describeViolations, importsOf, rules, silentEngineFolders } from './import-rules';

const root = join(__dirname, '..');

describe('import rules (docs/architecture.md)', () => {
  it('hold on the tree', () => {
    expect(describeViolations(checkImports(root))).toBe('');
  });

  it('see every kind of import, and no comment or string', () => {
    const text = [
      "import type { A } from './a';",
      "export { b } from './b';",
      'export * from "./c";',
      'const d = await import("./d");',
      "const e = require('./e');",
      "import './f';",
      'import {',
      '  g,',
      "} from './g';",
      "// import x from 'electron';",
      'const text = "import y from \'electron\'";',
    ].join('\n');
    expect(importsOf('src/x.ts', text).map((edge) => [edge.specifier, edge.line])).toEqual([
      ['./a', 1],
      ['./b', 2],
      ['./c', 3],
      ['./d', 4],
      ['./e', 5],
      ['./f', 6],
      ['./g', 9],
    ]);
  });
});

// Each planted file breaks one rule with one import (of a different syntax each); the copy of src/ is the real tree.
const [electron, renderer, preload, engine, motion, server, shared, frames, capture, events] = rules.map(
  ({ rule }) => rule,
);
const planted: [file: string, text: string, rule: string][] = [
  ['src/core/events/scratch.ts', "import { app } from 'electron';", electron],
  ['src/shared/scratch.ts', 'import { BrowserWindow } from "electron/main";', electron],
  ['src/renderer/ui/scratch.ts', "import type { Core } from '../../core/core-api';", renderer],
  ['src/renderer/scratch.ts', "export { CliError } from '../main/index';", renderer],
  ['src/renderer/scratch.ts', "import { readFile } from 'node:fs/promises';", renderer],
  ['src/preload/scratch.ts', "import { startCore } from '../core/core';", preload],
  ['src/core/scratch.ts', "const main = await import('../main/kiosk/app');", engine],
  ['src/core/server/scratch.ts', "import { kiosk } from '../../renderer/kiosk';", engine],
  ['src/core/motion/scratch.ts', "const capture = require('../capture');", motion],
  ['src/core/motion/scratch.ts', "import type { X } from '../server/index';", motion],
  ['src/core/server/scratch.ts', "import '../motion/detector';", server],
  ['src/shared/scratch.ts', "import { parseCli } from '../core/cli';", shared],
  ['src/shared/scratch.ts', "import { EventEmitter } from 'events';", shared],
  ['src/core/frames/scratch.ts', "import { Camera } from '../camera';", frames],
  ['src/core/capture/sources/scratch.ts', "import { MotionTracker } from '../../motion/tracker';", capture],
  ['src/core/events/scratch.ts', "import { encodeSseMessage } from '../server/sse-format';", events],
];

describe('every engine folder', () => {
  it('says in its README.md what it may import', () => {
    expect(silentEngineFolders(root)).toEqual([]);
  });
});

describe('a planted violation', () => {
  let copy: string;

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'mk-import-rules-'));
    await cp(join(root, 'src'), join(copy, 'src'), { recursive: true });
  });
  afterAll(() => rm(copy, { recursive: true, force: true }));

  it.each(planted)('in %s (%s) fails the check', async (file, text, rule) => {
    expect(checkImports(copy)).toEqual([]);
    const path = join(copy, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `// planted by import-rules.test.ts\n${text}\n`);
    try {
      expect(checkImports(copy)).toEqual([expect.objectContaining({ file, line: 2, rule })]);
    } finally {
      await rm(path);
    }
  });

  it('of the README rule: a new engine folder without one, or with one that does not say what it may import', async () => {
    expect(silentEngineFolders(copy)).toEqual([]);
    const framesReadme = join(copy, 'src/core/frames/README.md');
    const original = await readFile(framesReadme, 'utf8');
    await mkdir(join(copy, 'src/core/recording'));
    await writeFile(framesReadme, '# frames/\n\nFrame and FrameBus.\n');
    try {
      expect(silentEngineFolders(copy)).toEqual([
        'src/core/frames/README.md',
        'src/core/recording/README.md',
      ]);
    } finally {
      await rm(join(copy, 'src/core/recording'), { recursive: true });
      await writeFile(framesReadme, original);
    }
  });

  it('is allowed where the rules allow it', async () => {
    const allowed: [string, string][] = [
      ['src/main/kiosk/scratch.ts', "import { app } from 'electron';"],
      ['src/preload/scratch.ts', "import type { KioskApi } from '../shared/kiosk-api';"],
      ['src/core/motion/scratch.ts', "import type { Frame } from '../frames/frame';"],
      ['src/core/server/scratch.ts', "import { version } from '../version';"],
      ['src/core/scratch.ts', "import { readFile } from 'node:fs/promises';"],
      ['src/core/events/scratch.test.ts', "import { tempDataDir } from '../server/testing/test-server';"],
    ];
    for (const [file, text] of allowed) await writeFile(join(copy, file), `${text}\n`);
    try {
      expect(describeViolations(checkImports(copy))).toBe('');
    } finally {
      for (const [file] of allowed) await rm(join(copy, file));
    }
  });
});
