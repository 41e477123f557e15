import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MjpegSplitter } from './mjpeg-splitter';

/** Segment: marker + big-endian length (which counts itself) + payload. */
function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** A real JPEG with an APP1 EXIF segment holding a whole thumbnail JPEG (with its own EOI) inserted after SOI. */
function withExifThumbnail(jpeg: Buffer, thumbnail: Buffer): Buffer {
  const exif = Buffer.concat([Buffer.from('Exif\0\0MM\0*', 'latin1'), thumbnail]);
  return Buffer.concat([jpeg.subarray(0, 2), segment(0xe1, exif), jpeg.subarray(2)]);
}

/**
 * A structurally valid progressive-style JPEG: two scans with a DHT between them, entropy data
 * containing stuffed 0xFF00, RST markers and fill bytes before a marker.
 */
function twoScanJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xc2, Buffer.from([8, 0, 16, 0, 16, 1, 1, 0x11, 0])),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0xff, 0x00, 0xd9, 0xff, 0xd0, 0x34, 0xff, 0x00, 0xff, 0xd7, 0x56]),
    Buffer.from([0xff, 0xff, 0xc4]),
    Buffer.from([0, 5, 0, 0xff, 0xd9]), // DHT payload that looks like EOI must be skipped by length
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0xab, 0xff, 0x00, 0xcd]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** Short, comparable names of frames: vitest's deep equality on big Buffers is very slow. */
function names(frames: Buffer[]): string[] {
  return frames.map((f) => `${f.length}:${createHash('sha1').update(f).digest('hex').slice(0, 8)}`);
}

function split(stream: Buffer, cuts: number[], maxFrameBytes?: number): string[] {
  const frames: Buffer[] = [];
  const splitter = new MjpegSplitter((jpeg) => frames.push(jpeg), { maxFrameBytes });
  let from = 0;
  for (const cut of [...cuts, stream.length]) {
    splitter.push(stream.subarray(from, cut));
    from = cut;
  }
  return names(frames);
}

describe('MjpegSplitter', () => {
  let jpegs: Buffer[];
  let expected: string[];
  let stream: Buffer;

  beforeAll(() => {
    // Two real JPEGs from ffmpeg; the second also carries an EXIF thumbnail.
    const mjpeg = execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=48x32:r=5', '-frames:v', '3'],
      ...['-c:v', 'mjpeg', '-f', 'mjpeg', '-'],
    ]);
    const real: Buffer[] = [];
    new MjpegSplitter((jpeg) => real.push(jpeg)).push(mjpeg);
    expect(real).toHaveLength(3);
    jpegs = [real[0], withExifThumbnail(real[1], real[2]), twoScanJpeg(), real[2]];
    expected = names(jpegs);
    // Garbage before, between and after frames, including a lone SOI-looking 0xFF.
    stream = Buffer.concat([
      Buffer.from('junk\xff\x00', 'latin1'),
      jpegs[0],
      jpegs[1],
      Buffer.from([0x00, 0xff, 0xff]),
      jpegs[2],
      jpegs[3],
      Buffer.from('tail'),
    ]);
  });

  it('finds every JPEG in one chunk', () => {
    expect(split(stream, [])).toEqual(expected);
  });

  it('finds every JPEG whatever the single cut', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const frames = split(stream, [cut]);
      expect(frames, `cut at ${cut}`).toEqual(expected);
    }
  });

  it('finds every JPEG in one-byte chunks and in chunks cut at every pair of offsets near markers', () => {
    expect(
      split(
        stream,
        Array.from({ length: stream.length }, (_, i) => i),
      ),
    ).toEqual(expected);
    for (let a = 0; a < 200; a += 3) {
      for (let b = a; b < stream.length; b += 37) expect(split(stream, [a, b])).toEqual(expected);
    }
  });

  it('hands a frame that lies inside one chunk on as a view of that chunk, and copies one split across chunks', () => {
    const frames: Buffer[] = [];
    const splitter = new MjpegSplitter((jpeg) => frames.push(jpeg));
    // Chunks with memory of their own, as a socket read gives (small Buffers may share Node's pool).
    const own = (parts: Buffer[]) => Buffer.from(new Uint8Array(Buffer.concat(parts)).buffer);
    const first = own([Buffer.from('junk'), jpegs[0], jpegs[3].subarray(0, 1)]);
    const second = own([jpegs[3].subarray(1), jpegs[2]]);
    splitter.push(first);
    splitter.push(second);
    expect(names(frames)).toEqual(names([jpegs[0], jpegs[3], jpegs[2]]));
    // No copy for a whole frame: a copy per frame was most of the memory V8 had to reclaim at 30 fps.
    expect(frames[0].buffer).toBe(first.buffer);
    expect(frames[2].buffer).toBe(second.buffer);
    // Its SOI's 0xFF came in the first chunk: a new buffer holding both parts.
    expect(frames[1].buffer).not.toBe(first.buffer);
    expect(frames[1].buffer).not.toBe(second.buffer);
  });

  it('drops a frame cut short by the next SOI and keeps the next one', () => {
    // Cut inside the entropy-coded data (a cut inside a header segment would swallow the next frame).
    const truncated = jpegs[0].subarray(0, jpegs[0].length - 20);
    expect(split(Buffer.concat([truncated, jpegs[3]]), [100])).toEqual(names([jpegs[3]]));
  });

  it('drops frames over maxFrameBytes and resynchronises', () => {
    const small = jpegs[2];
    const frames = split(Buffer.concat([jpegs[1], small]), [10, 500], small.length + 10);
    expect(frames).toEqual(names([small]));
  });

  it('holds nothing while reading garbage or an endless frame', () => {
    const frames: Buffer[] = [];
    const splitter = new MjpegSplitter((jpeg) => frames.push(jpeg), { maxFrameBytes: 4096 });
    const header = twoScanJpeg().subarray(0, 100);
    splitter.push(header);
    for (let i = 0; i < 100; i++) splitter.push(Buffer.alloc(1000, 0x55));
    expect(splitter.dropped).toBe(1);
    splitter.push(jpegs[3]);
    expect(names(frames)).toEqual(names([jpegs[3]]));
  });
});
