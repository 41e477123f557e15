import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskUrl, parseSourceSpec, secretsOf } from './source-spec';

describe('parseSourceSpec', () => {
  let dir: string;
  let clip: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spec '));
    clip = join(dir, 'my clip.mp4');
    await writeFile(clip, 'not really a video');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts every documented form', () => {
    expect(parseSourceSpec('synthetic')).toEqual({ kind: 'synthetic' });
    expect(parseSourceSpec('v4l2:/dev/video0')).toEqual({ kind: 'v4l2', device: '/dev/video0' });
    expect(parseSourceSpec('v4l2:/dev/v4l/by-id/usb-046d_0825_9A5B-video-index0')).toEqual({
      kind: 'v4l2',
      device: '/dev/v4l/by-id/usb-046d_0825_9A5B-video-index0',
    });
    expect(parseSourceSpec('libcamera')).toEqual({ kind: 'libcamera', index: 0 });
    expect(parseSourceSpec('libcamera:1')).toEqual({ kind: 'libcamera', index: 1 });
    expect(parseSourceSpec('webcam:test')).toEqual({ kind: 'webcam', device: 'test' });
    expect(parseSourceSpec('webcam:/dev/video2')).toEqual({ kind: 'webcam', device: '/dev/video2' });
    const url = parseSourceSpec('url:rtsp://cam.local:554/stream1');
    expect(url.kind === 'url' && url.url.href).toBe('rtsp://cam.local:554/stream1');
    expect(parseSourceSpec(`file:${clip}`)).toEqual({ kind: 'file', path: clip, loop: false });
    expect(parseSourceSpec(`file:${clip}?loop`)).toEqual({ kind: 'file', path: clip, loop: true });
  });

  it.each([
    ['', /unknown kind/],
    ['usb:/dev/video0', /unknown kind/],
    ['synthetic:1', /no argument/],
    ['v4l2:/dev/sda', /expected v4l2:/],
    ['v4l2:/dev/video0;reboot', /expected v4l2:/],
    ['v4l2:/dev/v4l/by-id/../../sda', /expected v4l2:/],
    ['webcam:/dev/video0 -s x', /whitespace/],
    ['webcam:$(reboot)', /expected webcam:/],
    ['webcam:/dev/v4l/by-id/cam`id`', /expected webcam:/],
    ['webcam:/dev/v4l/by-path/pci-0000', /expected webcam:/],
    ['libcamera:x', /libcamera:N/],
    ['url:file:///etc/passwd', /scheme must be rtsp, rtsps, http or https/],
    ['url:ftp://cam/x', /scheme/],
    ['url:not a url', /whitespace/],
    ['url:http//cam', /not a valid URL/],
    ['url:http://cam/\u0007', /control characters/],
    ['file:/nonexistent/clip.mp4', /does not exist/],
    ['file:/tmp', /not a regular file/],
    ['file:', /expected file:PATH/],
  ])('rejects %j naming --source', (spec, why) => {
    expect(() => parseSourceSpec(spec)).toThrow(/^--source /);
    expect(() => parseSourceSpec(spec)).toThrow(why);
  });
});

describe('parseSourceSpec errors', () => {
  it.each([
    'url:ftp://admin:s3cret@cam/live?token=t0psecret',
    'url:http://admin:s3cret@cam/\u0007?token=t0psecret',
    'url:http://admin:s3cret@cam/ x?token=t0psecret',
  ])('never echo URL credentials: %j', (spec) => {
    expect(() => parseSourceSpec(spec)).toThrow(/^--source "url:[a-z]+:\/\/\*\*\*@cam/);
    expect(() => parseSourceSpec(spec)).not.toThrow(/s3cret|t0psecret/);
  });
});

describe('maskUrl and secretsOf', () => {
  const url = new URL('rtsp://admin:p%40ss@cam.local/live?channel=1&token=abc123');

  it('hides user, password and secret-looking query values but keeps the rest', () => {
    const masked = maskUrl(url);
    expect(masked).toBe('rtsp://***:***@cam.local/live?channel=1&token=***');
  });

  it('lists the secrets, raw and decoded', () => {
    expect(secretsOf(url)).toEqual(expect.arrayContaining(['admin', 'p%40ss', 'p@ss', 'abc123']));
  });

  it('copes with a literal % in a secret, and lists query secrets as they appear in the URL', () => {
    const odd = new URL('http://us%ZZer:pw@cam.local/x?token=100%25&key=a%2Fb');
    const secrets = secretsOf(odd);
    expect(secrets).toEqual(expect.arrayContaining(['us%ZZer', '100%25', '100%', 'a%2Fb', 'a/b']));
    expect(maskUrl(odd)).not.toMatch(/100|a%2Fb/);
  });
});
