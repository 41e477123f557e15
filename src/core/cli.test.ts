import { describe, expect, it } from 'vitest';
import { CliError, parseCli, usage } from './cli';

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
    expect([...cli.given].sort()).toEqual(['auth', 'configFile', 'dataDir', 'host', 'port', 'source']);
  });

  it.each([
    [['--port', '-1'], /--port/],
    [['--port', '70000'], /--port/],
    [['--port', 'http'], /--port/],
    [['--host', 'a b'], /--host/],
    [['--source', ' '], /--source/],
    [['--data-dir', ''], /--data-dir/],
    [['--config', ' '], /--config/],
    [['--frobnicate'], /frobnicate/],
    [['--no-auth=yes'], /no-auth/],
    [['--port'], /--port/],
  ])('refuses %j with a message naming the flag', (argv, pattern) => {
    expect(() => parseCli(argv)).toThrow(CliError);
    expect(() => parseCli(argv)).toThrow(pattern);
  });

  it("explains a refused value with the option's doc", () => {
    expect(() => parseCli(['--port', '8o8o'])).toThrow(
      '--port "8o8o" refused: TCP port to listen on, 0 to 65535; 0 = any free port. Default 8080.',
    );
  });

  it('strips the brackets of an IPv6 literal and accepts --flag=value', () => {
    expect(parseCli(['--host=[::1]', '--port=0'])).toMatchObject({ host: '::1', port: 0 });
  });

  it('prints the usage line of the contract, generated from the options table', () => {
    expect(usage).toBe(
      'usage: motion-kiosk [--port N] [--host ADDR] [--source SPEC] [--data-dir DIR] [--config FILE] [--no-auth] [--pair] [--set-password]',
    );
    expect(() => parseCli(['--frobnicate'])).toThrow(usage);
  });

  it('lets the kiosk pass Chromium switches through, still checking its own flags', () => {
    expect(parseCli(['--ozone-platform=wayland', '--port', '9000'], true).port).toBe(9000);
    expect(() => parseCli(['--no-sandbox', '--port'], true)).toThrow(/--port needs a value/);
  });
});
