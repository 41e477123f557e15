import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Readable, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { FramePairer } from '../splitters/frame-pairer';
import { multipartPart } from '../splitters/multipart-part';
import { type GrayImage, PgmSplitter } from '../splitters/pgm-splitter';
import { testJpegs } from '../test-support/test-jpegs';
import { multipartStdinArgs } from './ffmpeg-args';
import { GrayDecoder } from './gray-decoder';

/** Frames as the pairer hands them on: the JPEG's index and whether it came with a gray picture. */
function frames(jpegs: Buffer[]) {
  const out: string[] = [];
  const pairer = new FramePairer((jpeg, image) =>
    out.push(`${jpegs.indexOf(jpeg)}${image ? '' : ' undecoded'}`),
  );
  return { out, pairer };
}

const sink = (parts: Buffer[]) =>
  new Writable({
    write(part: Buffer, _encoding, done) {
      parts.push(part);
      done();
    },
  });

describe('GrayDecoder', () => {
  let jpegs: Buffer[];
  beforeAll(() => {
    jpegs = testJpegs('320x240', 4);
    expect(jpegs).toHaveLength(4);
  });

  it('sends ffmpeg only the JPEGs whose gray copy is wanted, and passes on every JPEG in order', () => {
    const parts: Buffer[] = [];
    const { out, pairer } = frames(jpegs);
    let n = 0;
    const decoder = new GrayDecoder(sink(parts), pairer, { wantsGray: () => n++ % 2 === 0 });
    for (const jpeg of jpegs) decoder.write(jpeg);
    expect(Buffer.concat(parts)).toEqual(Buffer.concat([multipartPart(jpegs[0]), multipartPart(jpegs[2])]));
    // The undecoded JPEG 1 waits behind JPEG 0, whose gray picture has not come yet.
    expect(out).toEqual([]);
    const image = { gray: new Uint8Array(1), width: 1, height: 1 };
    pairer.pushGray(image);
    pairer.pushGray(image);
    expect(out).toEqual(['0', '1 undecoded', '2', '3 undecoded']);
  });

  it('drops JPEGs rather than queue them when ffmpeg falls behind', () => {
    const written: Buffer[] = [];
    // A reader that never finishes its first write: everything after it waits in the stream.
    const stuck = new Writable({
      write(part: Buffer) {
        written.push(part);
      },
    });
    const { out, pairer } = frames(jpegs);
    const decoder = new GrayDecoder(stuck, pairer, { maxQueuedBytes: jpegs[0].length + jpegs[1].length });
    for (const jpeg of jpegs) decoder.write(jpeg);
    // The first is being written (the stream counts it until done), the second waits: the queue is
    // then over the limit, and the rest are dropped.
    expect(written.length).toBeGreaterThan(0);
    expect(stuck.writableLength).toBe(multipartPart(jpegs[0]).length + multipartPart(jpegs[1]).length);
    expect(decoder.dropped).toBe(2);
    pairer.pushGray({ gray: new Uint8Array(1), width: 1, height: 1 });
    pairer.pushGray({ gray: new Uint8Array(1), width: 1, height: 1 });
    expect(out).toEqual(['0', '1']);
  });

  it('gets each gray picture from ffmpeg before the next JPEG is sent, and decodes a skipped one on request', async () => {
    const ffmpeg = spawn('ffmpeg', multipartStdinArgs(320, 160), {
      stdio: ['pipe', 'ignore', 'inherit', 'pipe'],
    });
    const grays: (GrayImage | null)[] = [];
    let arrived: () => void = () => {};
    const pairer = new FramePairer((_jpeg, image) => {
      grays.push(image);
      arrived();
    });
    const pgm = new PgmSplitter((image) => pairer.pushGray(image));
    (ffmpeg.stdio[3] as Readable).on('data', (chunk: Buffer) => pgm.push(chunk));
    const decoder = new GrayDecoder(ffmpeg.stdio[0] as Writable, pairer, {
      wantsGray: () => grays.length !== 1,
    });
    const timeout = () => new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5000).unref());
    try {
      for (const [i, jpeg] of jpegs.entries()) {
        const next = new Promise<void>((resolve) => {
          arrived = resolve;
        });
        decoder.write(jpeg);
        // Only this JPEG has been sent: its frame must come without the next one.
        expect(await Promise.race([next, timeout()])).not.toBe('late');
        expect(grays).toHaveLength(i + 1);
      }
      expect(grays.map((image) => image && [image.width, image.height])).toEqual([
        [160, 120],
        null,
        [160, 120],
        [160, 120],
      ]);
      const late = await Promise.race([decoder.decode(jpegs[1]), timeout()]);
      expect(late).toMatchObject({ width: 160, height: 120 });
      // testsrc's counter and moving gradient make every picture differ: this is JPEG 1's, not a neighbour's.
      const differs = (other: GrayImage | null) =>
        !Buffer.from(other?.gray ?? []).equals(Buffer.from((late as GrayImage).gray));
      expect(differs(grays[0]) && differs(grays[2])).toBe(true);
    } finally {
      ffmpeg.kill('SIGKILL');
      await once(ffmpeg, 'close');
    }
    pairer.close();
    await expect(decoder.decode(jpegs[1])).resolves.toBeNull();
  });
});
