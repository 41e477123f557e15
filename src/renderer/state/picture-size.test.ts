import { describe, expect, it } from 'vitest';
import { decodeSize, kioskLeastShare } from './picture-size';

describe('decodeSize', () => {
  // The 800x480 kiosk shows the picture at about 365x274; a phone at 3x about 1110x832.
  it.each([
    ['640x480 on the kiosk', [640, 480], [365, 274], [400, 300]],
    ['1280x720 on the kiosk', [1280, 720], [365, 205], [480, 270]],
    ['an exact half', [640, 480], [320, 240], [320, 240]],
    ['shown larger than the camera', [640, 480], [1110, 832], [640, 480]],
    ['shown at the camera size', [640, 480], [640, 480], [640, 480]],
    ['a tiny view: an eighth at least', [640, 480], [10, 8], [80, 60]],
  ])('%s: the smallest eighth that covers it', (_case, [sw, sh], [vw, vh], [width, height]) => {
    expect(decodeSize({ width: sw, height: sh }, { width: vw, height: vh })).toEqual({ width, height });
  });

  // The kiosk accepts up to 8/7 enlargement for libjpeg's SIMD half scale.
  it.each([
    ['640x480 on the kiosk: the half', [640, 480], [365, 274], [320, 240]],
    ['1280x720 on the kiosk: a quarter', [1280, 720], [365, 205], [320, 180]],
    ['just over 8/7 of the half: 5/8', [640, 480], [366, 275], [400, 300]],
    ['shown at the camera size: 7/8', [640, 480], [640, 480], [560, 420]],
  ])('kiosk, %s', (_case, [sw, sh], [vw, vh], [width, height]) => {
    expect(decodeSize({ width: sw, height: sh }, { width: vw, height: vh }, kioskLeastShare)).toEqual({
      width,
      height,
    });
  });

  it('never enlarges: the covering side decides when the aspect ratios differ', () => {
    const size = decodeSize({ width: 1280, height: 720 }, { width: 300, height: 400 });
    expect(size.width).toBeGreaterThanOrEqual(300);
    expect(size.height).toBeGreaterThanOrEqual(400);
  });
});
