import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCli } from './cli';
import { loadConfigFile } from './config/config-file';
import { defaultOf, type OptionSpec, optionNames, optionSpecs } from './config/options-schema';
import { resolveCoreOptions } from './options';

const log = pino({ level: 'silent' });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mk-options-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function resolve(argv: string[], config?: object) {
  if (config) {
    await writeFile(join(dir, 'c.json'), JSON.stringify(config));
    argv = [...argv, '--config', join(dir, 'c.json')];
  }
  return resolveCoreOptions(parseCli(argv), null, log);
}

describe('the options table', () => {
  it('gives every option a doc, a valid default and a unique flag', () => {
    const flags = new Set<string>();
    for (const name of optionNames()) {
      const spec: OptionSpec = optionSpecs[name];
      expect(spec.doc, name).toMatch(/\.$/);
      const value = defaultOf(name);
      if (value !== undefined) expect(spec.schema.safeParse(value).success, name).toBe(true);
      if (spec.flag) {
        expect(flags.has(spec.flag.name), spec.flag.name).toBe(false);
        flags.add(spec.flag.name);
      }
    }
  });
});

describe('resolveCoreOptions', () => {
  it('takes the defaults when neither the CLI nor a config file says anything', async () => {
    const options = await resolve([]);
    expect(options).toMatchObject({ port: 8080, host: '0.0.0.0', auth: true, camera: 'camera' });
    expect(options.source).toBeUndefined();
    expect(options.settings).toBeUndefined();
  });

  it('lets the config file fill what the command line leaves out', async () => {
    const options = await resolve([], {
      port: 9001,
      host: '[::1]',
      source: 'synthetic',
      auth: false,
      camera: 'porch',
      settings: { threshold: 1.5 },
      kiosk: { hideCursor: true },
    });
    expect(options).toMatchObject({
      port: 9001,
      host: '::1',
      source: 'synthetic',
      auth: false,
      camera: 'porch',
      settings: { threshold: 1.5 },
      kiosk: { hideCursor: true },
      configFile: join(dir, 'c.json'),
    });
  });

  it('lets a flag given on the command line win over the config file', async () => {
    const config = { port: 9001, host: '127.0.0.1', source: 'synthetic', auth: true };
    const options = await resolve(
      ['--port', '0', '--host', '::1', '--source', 'file:a.mp4', '--no-auth'],
      config,
    );
    expect(options).toMatchObject({ port: 0, host: '::1', source: 'file:a.mp4', auth: false });
  });

  it('keeps a flag at its default out of the way of the config file', async () => {
    expect((await resolve(['--source', 'synthetic'], { port: 9001 })).port).toBe(9001);
  });
});

describe('the config file', () => {
  it('accepts the example shipped in resources/', async () => {
    const example = await loadConfigFile(join(__dirname, '../../resources/config.example.json'));
    expect(example.source).toBe('v4l2:/dev/video0');
  });

  it.each([
    [{ dataDir: '/tmp/x' }, /dataDir/],
    [{ configFile: 'other.json' }, /configFile/],
    [{ host: 'a b' }, /^--config .*: host: /],
    [{ camera: 'front door' }, /^--config .*: camera: /],
    [{ auth: 'no' }, /^--config .*: auth: /],
  ])('refuses %j, naming the key', async (config, reason) => {
    await writeFile(join(dir, 'c.json'), JSON.stringify(config));
    await expect(loadConfigFile(join(dir, 'c.json'))).rejects.toThrow(reason);
  });
});
