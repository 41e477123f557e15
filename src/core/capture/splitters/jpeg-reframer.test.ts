import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Readable, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { globalArgs, mjpegInputArgs, outputArgs, pipeInputArgs } from '../ffmpeg/ffmpeg-args';
import { JpegReframer } from './jpeg-reframer';
import { MjpegSplitter } from './mjpeg-splitter';
import { multipartPart } from './multipart-part';
import { type GrayImage, PgmSplitter } from './pgm-splitter';

describe('JpegReframer', () => {
  let jpegs: Buffer[];
  beforeAll(() => {
    const mjpeg = execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=15', '-frames:v', '4'],
      ...['-c:v', 'mjpeg', '-q:v', '5', '-f', 'mjpeg', '-'],
    ]);
    jpegs = [];
    new MjpegSplitter((jpeg) => jpegs.push(jpeg)).push(mjpeg);
    expect(jpegs).toHaveLength(4);
  });

  it('writes each JPEG as a multipart part as soon as its end-of-image marker arrives', () => {
    const parts: Buffer[] = [];
    const out = new Writable({
      write(part: Buffer, _encoding, done) {
        parts.push(part);
        done();
      },
    });
    const handed: Buffer[] = [];
    const reframer = new JpegReframer(out, (jpeg) => handed.push(jpeg));
    const [first, second] = jpegs;
    // In odd-sized pieces, and the second JPEG's first bytes not yet sent: the first is out already.
    for (let i = 0; i < first.length; i += 777) reframer.push(first.subarray(i, i + 777));
    expect(Buffer.concat(parts)).toEqual(multipartPart(first));
    reframer.push(second);
    expect(Buffer.concat(parts)).toEqual(Buffer.concat([multipartPart(first), multipartPart(second)]));
    // The frames' JPEGs are the ones written, whole.
    expect(handed).toEqual([first, second]);
  });

  it('drops JPEGs rather than queue them when the reader falls behind', () => {
    const written: Buffer[] = [];
    // A reader that never finishes its first write: everything after it waits in the stream.
    const stuck = new Writable({
      write(part: Buffer) {
        written.push(part);
      },
    });
    const handed: Buffer[] = [];
    const reframer = new JpegReframer(stuck, (jpeg) => handed.push(jpeg), {
      maxQueuedBytes: jpegs[0].length + jpegs[1].length,
    });
    for (const jpeg of jpegs) reframer.push(jpeg);
    // The first is being written (the stream counts it until done), the second waits: the queue is
    // then over the limit, and the rest are dropped.
    expect(written.length).toBeGreaterThan(0);
    expect(stuck.writableLength).toBe(multipartPart(jpegs[0]).length + multipartPart(jpegs[1]).length);
    expect(reframer.dropped).toBe(2);
    expect(handed).toEqual([jpegs[0], jpegs[1]]);
  });

  it('lets ffmpeg hand on each picture before the next one is sent (bare JPEGs would wait for it)', async () => {
    const settings = { captureWidth: 320, analysisWidth: 160 };
    const ffmpeg = spawn(
      'ffmpeg',
      [
        ...globalArgs(),
        ...pipeInputArgs(),
        ...mjpegInputArgs(settings.captureWidth, settings.analysisWidth),
        ...['-i', 'pipe:0'],
        ...outputArgs({ copy: true, analysisWidth: settings.analysisWidth, jpeg: false }),
      ],
      { stdio: ['pipe', 'ignore', 'inherit', 'pipe'] },
    );
    const grays: GrayImage[] = [];
    let arrived: () => void = () => {};
    const pgm = new PgmSplitter((image) => {
      grays.push(image);
      arrived();
    });
    (ffmpeg.stdio[3] as Readable).on('data', (chunk: Buffer) => pgm.push(chunk));
    const reframer = new JpegReframer(ffmpeg.stdio[0] as Writable, () => {});
    try {
      for (const [i, jpeg] of jpegs.entries()) {
        const next = new Promise<void>((resolve) => {
          arrived = resolve;
        });
        reframer.push(jpeg);
        // Only this JPEG has been sent: its gray picture must come without the next one.
        const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5000).unref());
        expect(await Promise.race([next, timeout])).not.toBe('late');
        expect(grays).toHaveLength(i + 1);
      }
      expect([grays[0].width, grays[0].height]).toEqual([160, 120]);
    } finally {
      ffmpeg.kill('SIGKILL');
      await once(ffmpeg, 'close');
    }
  });
});
