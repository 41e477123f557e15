import { describe, expect, it } from 'vitest';
import { type GrayImage, PgmSplitter } from './pgm-splitter';

function pgm(width: number, height: number, fill: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), Buffer.alloc(width * height, fill)]);
}

describe('PgmSplitter', () => {
  it('reads pictures across any chunk boundary, following a size change', () => {
    const stream = Buffer.concat([pgm(4, 3, 1), pgm(4, 3, 2), pgm(2, 2, 3)]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const images: GrayImage[] = [];
      const splitter = new PgmSplitter((image) => images.push(image));
      splitter.push(stream.subarray(0, cut));
      splitter.push(stream.subarray(cut));
      expect(images.map((i) => [i.width, i.height, i.gray[0], i.gray.length])).toEqual([
        [4, 3, 1, 12],
        [4, 3, 2, 12],
        [2, 2, 3, 4],
      ]);
    }
  });

  it('rejects a stream that is not PGM', () => {
    const splitter = new PgmSplitter(() => {});
    expect(() => splitter.push(Buffer.alloc(100, 0x41))).toThrow(/not PGM/);
  });
});
