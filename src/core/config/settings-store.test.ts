import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { loadConfigFile } from './config-file';
import { SettingsError, SettingsStore } from './settings-store';

const log = pino({ level: 'silent' });

describe('SettingsStore', () => {
  it('starts from defaults overlaid by the config file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-settings-'));
    const store = await SettingsStore.open(dir, { threshold: 3 }, log);
    expect(store.get()).toEqual({ ...defaultSettings, threshold: 3 });
  });

  it('applies, persists and announces a valid change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-settings-'));
    const store = await SettingsStore.open(dir, {}, log);
    const seen: number[] = [];
    store.on('change', (next) => seen.push(next.noiseLevel));
    await store.update({ noiseLevel: 40 });
    expect(seen).toEqual([40]);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({ noiseLevel: 40 });
    const reopened = await SettingsStore.open(dir, { noiseLevel: 10 }, log);
    expect(reopened.get().noiseLevel).toBe(40);
  });

  it('is a first run on a new data dir until an update, even an empty one, is saved', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-settings-'));
    const store = await SettingsStore.open(dir, {}, log);
    expect(store.neverSaved).toBe(true);
    await expect(store.update({ threshold: 500 })).rejects.toThrow(SettingsError);
    expect(store.neverSaved).toBe(true);
    await store.update({});
    expect(store.neverSaved).toBe(false);
    expect(store.get()).toEqual(defaultSettings);
    expect((await SettingsStore.open(dir, {}, log)).neverSaved).toBe(false);
  });

  it.each([
    [{ threshold: 500 }, /^threshold: /],
    [{ noiseLevel: 2.5 }, /^noiseLevel: /],
    [{ unknownThing: 1 }, /unknownThing/],
    [{ masks: [[[0, 0]]] }, /^masks\.0: /],
    [[1, 2], /JSON object/],
    [null, /JSON object/],
  ])('refuses %j with a one-line reason and changes nothing', async (patch, reason) => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-settings-'));
    const store = await SettingsStore.open(dir, {}, log);
    let changes = 0;
    store.on('change', () => changes++);
    await expect(store.update(patch)).rejects.toThrow(SettingsError);
    await expect(store.update(patch)).rejects.toThrow(reason);
    expect(store.get()).toEqual(defaultSettings);
    expect(changes).toBe(0);
  });
});

describe('loadConfigFile', () => {
  it('names the file and the bad field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-config-'));
    const file = join(dir, 'c.json');
    await writeFile(file, JSON.stringify({ port: 'eighty', settings: {} }));
    await expect(loadConfigFile(file)).rejects.toThrow(`--config ${file}: port: `);
    await writeFile(file, '{ nope');
    await expect(loadConfigFile(file)).rejects.toThrow(/not valid JSON/);
    await expect(loadConfigFile(join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
  });

  it('reads a valid file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-config-'));
    const file = join(dir, 'c.json');
    await writeFile(file, JSON.stringify({ port: 9000, camera: 'porch', settings: { threshold: 1.5 } }));
    expect(await loadConfigFile(file)).toEqual({ port: 9000, camera: 'porch', settings: { threshold: 1.5 } });
  });
});
