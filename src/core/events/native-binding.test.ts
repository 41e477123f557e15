import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { SQLITE_BINDING_ENV as SCRIPT_ENV } from '../../../scripts/electron-sqlite.mjs';
import { removeDir, tempDataDir } from '../server/testing/test-server';
import { type EventStore, openEventStore } from './event-store';
import { SQLITE_BINDING_ENV, sqliteNativeBinding } from './native-binding';

const require = createRequire(import.meta.url);
const log = pino({ level: 'silent' });
/** The Node-ABI addon `npm install` built: loadable here, so it stands in for an Electron-ABI build. */
const nodeAbiAddon = join(
  dirname(require.resolve('better-sqlite3/package.json')),
  'build/Release/better_sqlite3.node',
);
const dirs: string[] = [];
const stores: EventStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function dir(): string {
  const d = tempDataDir();
  dirs.push(d);
  return d;
}

describe('sqliteNativeBinding', () => {
  const path = '/cache/electron-45.5.0-x64/better_sqlite3.node';
  it('gives the path from the environment under Electron only', () => {
    expect(
      sqliteNativeBinding({ [SQLITE_BINDING_ENV]: path }, { ...process.versions, electron: '45.5.0' }),
    ).toBe(path);
    expect(sqliteNativeBinding({ [SQLITE_BINDING_ENV]: path }, { ...process.versions })).toBeUndefined();
    expect(sqliteNativeBinding({}, { ...process.versions, electron: '45.5.0' })).toBeUndefined();
  });

  it('reads the variable npm start sets', () => {
    expect(SCRIPT_ENV).toBe(SQLITE_BINDING_ENV);
  });
});

describe('openEventStore({ nativeBinding })', () => {
  it('loads better-sqlite3 from the given file', () => {
    const data = dir();
    const addon = join(data, 'copy-of-better_sqlite3.node');
    copyFileSync(nodeAbiAddon, addon);
    const store = openEventStore({ dataDir: data, log, nativeBinding: addon });
    stores.push(store);
    expect(require.cache[addon]).toBeDefined(); // this copy, not better-sqlite3's own build, was loaded
    const { row } = store.append({
      type: 'motion',
      camera: 'c',
      ts: 1,
      motionId: null,
      build: (id) => ({ id }),
    });
    expect(store.after(0, 10)).toEqual([row]);
  });

  it('fails to open when the given file is not there', () => {
    const data = dir();
    expect(() => openEventStore({ dataDir: data, log, nativeBinding: join(data, 'absent.node') })).toThrow(
      /absent\.node/,
    );
  });
});
