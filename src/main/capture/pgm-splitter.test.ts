import { describe, expect, it } from 'vitest';
import { FramePairer } from './frame-pairer';
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

describe('FramePairer', () => {
  it('pairs the n-th JPEG with the n-th gray picture, whichever arrives first', () => {
    const pairs: string[] = [];
    const pairer = new FramePairer((jpeg, image) => pairs.push(`${jpeg.toString()}-${image.gray[0]}`));
    const gray = (n: number) => ({ gray: Uint8Array.of(n), width: 1, height: 1 });
    pairer.pushJpeg(Buffer.from('a'));
    pairer.pushJpeg(Buffer.from('b'));
    pairer.pushGray(gray(1));
    pairer.pushGray(gray(2));
    pairer.pushGray(gray(3));
    pairer.pushJpeg(Buffer.from('c'));
    expect(pairs).toEqual(['a-1', 'b-2', 'c-3']);
  });

  it('drops the oldest pictures when one output stops', () => {
    const pairs: string[] = [];
    const pairer = new FramePairer((jpeg) => pairs.push(jpeg.toString()));
    for (let i = 0; i < 70; i++) pairer.pushJpeg(Buffer.from(String(i)));
    expect(pairer.dropped).toBe(10);
    pairer.pushGray({ gray: Uint8Array.of(0), width: 1, height: 1 });
    expect(pairs).toEqual(['10']);
  });
});
