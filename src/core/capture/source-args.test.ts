import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { lowresFor, multipartStdinArgs, outputArgs } from './ffmpeg/ffmpeg-args';
import { withoutFpsMode } from './ffmpeg/ffmpeg-caps';
import { parseVideoInfo } from './ffmpeg/probe';
import { fileArgs } from './sources/file-source';
import { urlArgs } from './sources/url-source';
import { offersMjpeg, v4l2Args } from './sources/v4l2-source';

const settings = defaultSettings;

/** The value following `flag` in an argument list. */
function argAfter(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

describe('ffmpeg arguments', () => {
  it('picks the largest lowres that keeps analysisWidth', () => {
    expect(lowresFor(640, 160)).toBe(2);
    expect(lowresFor(640, 320)).toBe(1);
    expect(lowresFor(1920, 160)).toBe(3);
    expect(lowresFor(640, 640)).toBe(0);
    expect(lowresFor(undefined, 160)).toBe(0);
  });

  it('writes JPEG to stdout and PGM gray scaled to analysisWidth to fd 3', () => {
    const args = outputArgs({ copy: true, analysisWidth: 200 });
    expect(args.join(' ')).toBe(
      '-map 0:v:0 -c:v copy -f mjpeg pipe:1 ' +
        '-map 0:v:0 -vf scale=200:-1:flags=fast_bilinear,format=gray -fps_mode passthrough -c:v pgm -f image2pipe pipe:3',
    );
    expect(outputArgs({ copy: false, analysisWidth: 160 })).toContain('mjpeg');
  });

  it('speaks -vsync to an ffmpeg older than 5.1 (no -fps_mode)', () => {
    const args = ['-loglevel', 'error', '-i', 'x', ...outputArgs({ copy: true, analysisWidth: 160 })];
    const legacy = withoutFpsMode(args);
    expect(legacy).not.toContain('-fps_mode');
    expect(legacy.slice(0, 2)).toEqual(['-vsync', 'passthrough']);
    expect(legacy.filter((arg) => arg !== 'passthrough')).toEqual(
      ['-vsync', ...args].filter((arg) => arg !== '-fps_mode' && arg !== 'passthrough'),
    );
  });

  it('v4l2: MJPEG passthrough at 1/4 decode when offered, else raw frames encoded', () => {
    const mjpeg = v4l2Args('/dev/video0', true, settings);
    expect(argAfter(mjpeg, '-input_format')).toBe('mjpeg');
    expect(argAfter(mjpeg, '-video_size')).toBe('640x480');
    expect(argAfter(mjpeg, '-framerate')).toBe('30');
    expect(argAfter(mjpeg, '-lowres')).toBe('2');
    expect(argAfter(mjpeg, '-i')).toBe('/dev/video0');
    expect(mjpeg.indexOf('-lowres')).toBeLessThan(mjpeg.indexOf('-i'));
    expect(argAfter(mjpeg, '-c:v')).toBe('copy');
    const raw = v4l2Args('/dev/video0', false, settings);
    expect(raw).not.toContain('-input_format');
    expect(raw).not.toContain('-lowres');
    expect(argAfter(raw, '-c:v')).toBe('mjpeg');
  });

  it('v4l2: reads the MJPEG offer from ffmpeg -list_formats', () => {
    const uvc = [
      '[video4linux2,v4l2 @ 0x55d7c0] Raw       :     yuyv422 :           YUYV 4:2:2 : 640x480 320x240 1280x720',
      '[video4linux2,v4l2 @ 0x55d7c0] Compressed:       mjpeg :          Motion-JPEG : 640x480 320x240 1280x720',
      '/dev/video0: Immediate exit requested',
    ].join('\n');
    expect(offersMjpeg(uvc)).toBe(true);
    expect(offersMjpeg(uvc.split('\n')[0])).toBe(false);
  });

  it('url: RTSP over TCP; HTTP with reconnects; MJPEG copied, H.264 encoded', () => {
    const mjpeg = { codec: 'mjpeg', width: 1280, height: 720 };
    const rtsp = urlArgs(new URL('rtsp://cam/live'), { ...mjpeg, codec: 'h264' }, 160);
    expect(argAfter(rtsp, '-rtsp_transport')).toBe('tcp');
    expect(rtsp).not.toContain('-lowres');
    expect(argAfter(rtsp, '-c:v')).toBe('mjpeg');
    const http = urlArgs(new URL('http://cam/video.mjpg'), mjpeg, 160);
    expect(argAfter(http, '-reconnect')).toBe('1');
    expect(argAfter(http, '-reconnect_streamed')).toBe('1');
    expect(http).not.toContain('-rtsp_transport');
    expect(argAfter(http, '-lowres')).toBe('3');
    expect(argAfter(http, '-c:v')).toBe('copy');
    expect(http).not.toContain('-probesize');
    expect(argAfter(urlArgs(new URL('http://cam/video.mjpg'), mjpeg, 160, true), '-probesize')).toBe('32');
  });

  it('file: native rate, optional loop, file: protocol prefix', () => {
    const args = fileArgs('/videos/a:b.mjpeg', true, { codec: 'mjpeg', width: 640, height: 480 }, 160);
    expect(args).toContain('-re');
    expect(argAfter(args, '-stream_loop')).toBe('-1');
    expect(argAfter(args, '-i')).toBe('file:/videos/a:b.mjpeg');
    expect(fileArgs('/v.mp4', false, { codec: 'h264', width: 640, height: 480 }, 160)).not.toContain(
      '-stream_loop',
    );
  });

  it('libcamera, webcam and bare HTTP: multipart JPEG parts on stdin, probed from the first picture, only gray back', () => {
    const args = multipartStdinArgs(settings.captureWidth, settings.analysisWidth);
    expect(argAfter(args, '-i')).toBe('pipe:0');
    expect(argAfter(args, '-probesize')).toBe('32');
    expect(argAfter(args, '-lowres')).toBe('2');
    // Node wrote the JPEGs and keeps them: ffmpeg sends back only the gray picture.
    expect(args).not.toContain('pipe:1');
    expect(args.slice(args.indexOf('-i')).join(' ')).toContain('-c:v pgm -f image2pipe pipe:3');
    expect(argAfter(args, '-f')).toBe('mpjpeg');
  });
});

describe('parseVideoInfo', () => {
  it('reads codec and size of the first video stream, and the input format', () => {
    const report = [
      "Input #0, mpjpeg, from 'http://127.0.0.1:8081/stream.mjpg':",
      '  Duration: N/A, bitrate: N/A',
      '  Stream #0:0: Video: mjpeg (Baseline), yuvj422p(pc, bt470bg/unknown/unknown), 640x480, 25 tbr, 25 tbn',
    ].join('\n');
    expect(parseVideoInfo(report)).toEqual({ codec: 'mjpeg', width: 640, height: 480, format: 'mpjpeg' });
    const mp4 =
      '  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 1920x1080 [SAR 1:1 DAR 16:9], 30 fps';
    expect(parseVideoInfo(mp4)).toEqual({ codec: 'h264', width: 1920, height: 1080 });
    expect(parseVideoInfo('  Stream #0:0: Audio: aac (LC), 48000 Hz, stereo')).toBeNull();
  });
});
