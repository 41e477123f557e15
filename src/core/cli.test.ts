import { describe, expect, it } from 'vitest';
import { CliError, parseCli } from './cli';

describe('parseCli', () => {
  it('gives the documented defaults', () => {
    const cli = parseCli([]);
    expect(cli.port).toBe(8080);
    expect(cli.host).toBe('0.0.0.0');
    expect(cli.auth).toBe(true);
    expect(cli.source).toBeUndefined();
    expect(cli.dataDir).toMatch(/motion-kiosk$/);
    expect(cli.given.size).toBe(0);
  });

  it('reads every flag of the contract', () => {
    const cli = parseCli([
      '--port',
      '0',
      '--host',
      '::1',
      '--source',
      'v4l2:/dev/video2',
      '--data-dir',
      '/tmp/x',
      '--config',
      '/tmp/c.json',
      '--no-auth',
    ]);
    expect(cli).toMatchObject({
      port: 0,
      host: '::1',
      source: 'v4l2:/dev/video2',
      dataDir: '/tmp/x',
      configFile: '/tmp/c.json',
      auth: false,
    });
    expect([...cli.given].sort()).toEqual(['auth', 'host', 'port', 'source']);
  });

  it.each([
    [['--port', '-1'], /--port/],
    [['--port', '70000'], /--port/],
    [['--port', 'http'], /--port/],
    [['--host', 'a b'], /--host/],
    [['--source', ' '], /--source/],
    [['--data-dir', ''], /--data-dir/],
    [['--frobnicate'], /frobnicate/],
  ])('refuses %j with a message naming the flag', (argv, pattern) => {
    expect(() => parseCli(argv)).toThrow(CliError);
    expect(() => parseCli(argv)).toThrow(pattern);
  });

  it('lets the kiosk pass Chromium switches through', () => {
    expect(parseCli(['--ozone-platform=wayland', '--port', '9000'], true).port).toBe(9000);
  });
});
