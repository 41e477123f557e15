import { describe, expect, it } from 'vitest';
import { testJpegs } from '../test-support/test-jpegs';
import { LocalGrayDecoder } from './local-gray-decoder';

/** One JPEG of ffmpeg's test pattern at this size (`gray`: a one-component JPEG). */
function jpegOf(size: string, pixFmt = 'yuvj420p'): Buffer {
  return testJpegs(size, 1, ['-pix_fmt', pixFmt, '-c:v', 'mjpeg'])[0];
}

function decoder(): LocalGrayDecoder {
  const made = LocalGrayDecoder.create(160);
  if (made instanceof Error) throw new Error(`libjpeg-turbo bindings did not load: ${made.message}`);
  return made;
}

describe('LocalGrayDecoder (libjpeg-turbo)', () => {
  it('follows a camera changing size, larger and smaller', () => {
    const local = decoder();
    const sizes = ['640x480', '1280x720', '320x240', '640x480'].map((size) => {
      const image = local.decode(jpegOf(size));
      return image && [image.width, image.height, image.gray.length];
    });
    expect(sizes).toEqual([
      [160, 120, 19200],
      [160, 90, 14400],
      [160, 120, 19200],
      [160, 120, 19200],
    ]);
  });

  it('gives the same picture for a colour JPEG and a gray one of the same scene', () => {
    const local = decoder();
    const colour = local.decode(jpegOf('640x480'));
    const gray = local.decode(jpegOf('640x480', 'gray'));
    if (!colour || !gray) throw new Error('not decoded');
    let diff = 0;
    for (let i = 0; i < colour.gray.length; i++) diff += Math.abs(colour.gray[i] - gray.gray[i]);
    expect(diff / colour.gray.length).toBeLessThan(2);
  });

  it('answers null for a JPEG cut short or not a JPEG, and goes on decoding', () => {
    const local = decoder();
    const jpeg = jpegOf('640x480');
    expect(local.decode(jpeg.subarray(0, 600))).toBeNull();
    expect(local.decode(Buffer.from('not a picture'))).toBeNull();
    expect(local.decode(jpeg)?.width).toBe(160);
  });
});
