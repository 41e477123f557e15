import { describe, expect, it } from 'vitest';
import { decodeSize, jpegSize } from './picture-size';

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

  it('reads progressive frames (SOF2) and skips DHT, which shares the SOF marker range', () => {
    expect(jpegSize(jpegHead(800, 600, 0xc2))).toEqual({ width: 800, height: 600 });
    const dht = segment(0xc4, new Array<number>(17).fill(0));
    const head = jpegHead(320, 240);
    expect(jpegSize(new Uint8Array([...head.subarray(0, 2), ...dht, ...head.subarray(2)]))).toEqual({
      width: 320,
      height: 240,
    });
  });

  it('skips fill bytes before a marker', () => {
    const head = jpegHead(320, 240);
    expect(jpegSize(new Uint8Array([0xff, 0xd8, 0xff, ...head.subarray(2)]))).toEqual({
      width: 320,
      height: 240,
    });
  });

  it('gives null for bytes that are not a JPEG, end before the frame header, or scan data first', () => {
    expect(jpegSize(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(jpegSize(jpegHead(640, 480).subarray(0, 30))).toBeNull();
    expect(jpegSize(new Uint8Array(0))).toBeNull();
    const sos = segment(0xda, [1, 1, 0, 0, 63, 0]);
    expect(jpegSize(new Uint8Array([0xff, 0xd8, ...sos, ...jpegHead(640, 480).subarray(2)]))).toBeNull();
  });
});

describe('decodeSize', () => {
  it('picks the smallest eighth of the source that covers the picture on screen', () => {
    // The 800x480 kiosk shows the picture at about 365x274.
    expect(decodeSize({ width: 640, height: 480 }, { width: 365, height: 274 })).toEqual({
      width: 400,
      height: 300,
    });
    expect(decodeSize({ width: 1280, height: 720 }, { width: 365, height: 205 })).toEqual({
      width: 480,
      height: 270,
    });
    expect(decodeSize({ width: 640, height: 480 }, { width: 320, height: 240 })).toEqual({
      width: 320,
      height: 240,
    });
  });

  it('never enlarges: the covering side decides when the aspect ratios differ', () => {
    const size = decodeSize({ width: 1280, height: 720 }, { width: 300, height: 400 });
    expect(size.width).toBeGreaterThanOrEqual(300);
    expect(size.height).toBeGreaterThanOrEqual(400);
  });

  it('keeps the full size for a picture shown as large or larger, and an eighth at least', () => {
    expect(decodeSize({ width: 640, height: 480 }, { width: 1110, height: 832 })).toEqual({
      width: 640,
      height: 480,
    });
    expect(decodeSize({ width: 640, height: 480 }, { width: 640, height: 480 })).toEqual({
      width: 640,
      height: 480,
    });
    expect(decodeSize({ width: 640, height: 480 }, { width: 10, height: 8 })).toEqual({
      width: 80,
      height: 60,
    });
  });
});
