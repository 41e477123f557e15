import { describe, expect, it } from 'vitest';
import { jpegSize } from './jpeg-size';

/** A marker segment: FF, the marker, a 2-byte length that counts itself, then `body`. */
function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/** The head of a JPEG as cameras write it: SOI, JFIF APP0, a quantisation table, then the frame header. */
function jpegHead(width: number, height: number, sof = 0xc0): Uint8Array {
  const jfif = [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const dqt = [0, ...new Array<number>(64).fill(1)];
  const frame = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
  return new Uint8Array([0xff, 0xd8, ...segment(0xe0, jfif), ...segment(0xdb, dqt), ...segment(sof, frame)]);
}

describe('jpegSize', () => {
  it.each([
    [640, 480],
    [1280, 720],
    [1920, 1080],
    [4056, 3040],
  ])('reads %ix%i from the frame header, after the segments before it', (width, height) => {
    expect(jpegSize(jpegHead(width, height))).toEqual({ width, height });
  });

  it('reads progressive frames (SOF2)', () => {
    expect(jpegSize(jpegHead(800, 600, 0xc2))).toEqual({ width: 800, height: 600 });
  });

  /** `jpegHead(320, 240)` with `extra` right after its SOI. */
  const withAfterSoi = (extra: number[]) => {
    const head = jpegHead(320, 240);
    return new Uint8Array([...head.subarray(0, 2), ...extra, ...head.subarray(2)]);
  };
  it.each([
    ['a DHT segment, which shares the SOF marker range', segment(0xc4, new Array<number>(17).fill(0))],
    [
      'a full-size EXIF segment (the header past the first 64 kB)',
      segment(0xe1, new Array<number>(65533).fill(0)),
    ],
    ['a fill byte before a marker', [0xff]],
  ])('skips %s', (_what, extra) => {
    expect(jpegSize(withAfterSoi(extra))).toEqual({ width: 320, height: 240 });
  });

  it('gives null for bytes that are not a JPEG, end before the frame header, or scan data first', () => {
    expect(jpegSize(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(jpegSize(jpegHead(640, 480).subarray(0, 30))).toBeNull();
    expect(jpegSize(new Uint8Array(0))).toBeNull();
    const sos = segment(0xda, [1, 1, 0, 0, 63, 0]);
    expect(jpegSize(new Uint8Array([0xff, 0xd8, ...sos, ...jpegHead(640, 480).subarray(2)]))).toBeNull();
  });
});
