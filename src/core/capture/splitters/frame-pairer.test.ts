import { describe, expect, it } from 'vitest';
import { FramePairer } from './frame-pairer';

const gray = (n: number) => ({ gray: Uint8Array.of(n), width: 1, height: 1 });

/** A pairer on a hand-driven clock that records pairs as `jpeg-gray` frame numbers. */
function pairer() {
  const clock = { t: 0 };
  const pairs: string[] = [];
  const p = new FramePairer(
    (jpeg, image) => pairs.push(`${jpeg.toString()}-${image ? image.gray[0] : 'none'}`),
    {
      now: () => clock.t,
    },
  );
  return { p, clock, pairs };
}

/** Frames every 33 ms, the gray 1 ms after its JPEG, as ffmpeg writes them; `skip` loses pictures. */
function play(count: number, skip: { jpeg?: number; gray?: number } = {}) {
  const run = pairer();
  for (let n = 0; n < count; n++) {
    run.clock.t = n * 33;
    if (n !== skip.jpeg) run.p.pushJpeg(Buffer.from(String(n)));
    run.clock.t += 1;
    if (n !== skip.gray) run.p.pushGray(gray(n));
  }
  return run;
}

describe('FramePairer', () => {
  it('pairs the n-th JPEG with the n-th gray picture, whichever arrives first', () => {
    const { p, pairs } = pairer();
    p.pushJpeg(Buffer.from('1'));
    p.pushJpeg(Buffer.from('2'));
    p.pushGray(gray(1));
    p.pushGray(gray(2));
    p.pushGray(gray(3));
    p.pushJpeg(Buffer.from('3'));
    expect(pairs).toEqual(['1-1', '2-2', '3-3']);
  });

  it('never re-aligns a healthy stream, even when reads come in bursts', () => {
    const { p, clock, pairs } = pairer();
    for (let burst = 0; burst < 20; burst++) {
      clock.t = burst * 200;
      for (let i = 0; i < 6; i++) p.pushJpeg(Buffer.from(String(burst * 6 + i)));
      clock.t += 0.2;
      for (let i = 0; i < 6; i++) p.pushGray(gray(burst * 6 + i));
    }
    expect(pairs).toEqual(Array.from({ length: 120 }, (_, n) => `${n}-${n}`));
    expect(p.realigned).toBe(0);
  });

  it('re-aligns after a JPEG that ffmpeg could not decode (no gray picture for it)', () => {
    const { p, pairs } = play(100, { gray: 10 });
    expect(p.realigned).toBe(1);
    expect(pairs.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, n) => `${n}-${n}`));
    expect(pairs.slice(-50)).toEqual(Array.from({ length: 50 }, (_, i) => `${i + 50}-${i + 50}`));
  });

  it('re-aligns after a JPEG the splitter rejected (a gray picture without JPEG)', () => {
    const { p, pairs } = play(100, { jpeg: 10 });
    expect(p.realigned).toBe(1);
    expect(pairs.slice(-50)).toEqual(Array.from({ length: 50 }, (_, i) => `${i + 50}-${i + 50}`));
  });

  it('drops the oldest pictures when one output stops', () => {
    const { p, pairs } = pairer();
    for (let i = 0; i < 70; i++) p.pushJpeg(Buffer.from(String(i)));
    expect(p.dropped).toBe(10);
    p.pushGray(gray(0));
    expect(pairs).toEqual(['10-0']);
  });

  it('passes on JPEGs sent undecoded in their turn, with no gray picture and no re-alignment', () => {
    const { p, clock, pairs } = pairer();
    for (let n = 0; n < 100; n++) {
      clock.t = n * 33;
      const decoded = n % 2 === 0 || n > 60;
      p.pushJpeg(Buffer.from(String(n)), decoded);
      clock.t += 1;
      if (decoded) p.pushGray(gray(n));
    }
    expect(pairs).toEqual(
      Array.from({ length: 100 }, (_, n) => (n % 2 === 0 || n > 60 ? `${n}-${n}` : `${n}-none`)),
    );
    expect(p.realigned).toBe(0);
  });

  it('keeps an undecoded JPEG behind the decoded one before it', () => {
    const { p, pairs } = pairer();
    p.pushJpeg(Buffer.from('1'));
    p.pushJpeg(Buffer.from('2'), false);
    expect(pairs).toEqual([]);
    p.pushGray(gray(1));
    expect(pairs).toEqual(['1-1', '2-none']);
  });

  it('answers a late decode with its gray picture instead of making a frame of it', async () => {
    const { p, pairs } = pairer();
    p.pushJpeg(Buffer.from('1'), false);
    const late = p.request(Buffer.from('1'));
    p.pushJpeg(Buffer.from('2'));
    p.pushGray(gray(1));
    p.pushGray(gray(2));
    await expect(late).resolves.toEqual(gray(1));
    expect(pairs).toEqual(['1-none', '2-2']);
    const unanswered = p.request(Buffer.from('3'));
    p.close();
    await expect(unanswered).resolves.toBeNull();
  });
});
