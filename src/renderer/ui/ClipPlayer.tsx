import { useEffect, useRef, useState } from 'preact/hooks';
import type { BoundingBox } from '../../shared/events';
import { t } from '../i18n';
import { formatClipTime } from '../i18n/format';
import { ClipFrames } from '../net/clip-frames';
import { ClipDownload } from './ClipDownload';

/** Playback speeds offered, slowest first. */
const SPEEDS = [0.5, 1, 2, 4];

/**
 * Plays an event's recorded clip on a canvas, frame by frame from the server's JPEGs at their recorded
 * times: play/pause, scrub, frame step, 0.5x to 4x, the motion box drawn over the picture.
 * Buttons are 44 px or more so the kiosk's touchscreen works as well as a mouse.
 */
export function ClipPlayer({ eventId }: { eventId: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [clip, setClip] = useState<ClipFrames | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const position = useRef(0);

  useEffect(() => {
    let live = true;
    let opened: ClipFrames | null = null;
    setClip(null);
    setError(null);
    setFrame(0);
    setPlaying(false);
    position.current = 0;
    ClipFrames.open(eventId).then(
      (frames) => {
        opened = frames;
        if (live) setClip(frames);
        else frames.close();
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
      opened?.close();
    };
  }, [eventId]);

  // Playback: clip time advances with the wall clock times the speed; the frame shown is the one due then.
  useEffect(() => {
    if (!clip || !playing) return;
    let last = performance.now();
    let raf = requestAnimationFrame(function tick(now) {
      position.current += ((now - last) / 1000) * speed;
      last = now;
      const i = clip.frameAt(position.current);
      if (!clip.bitmap(i)) position.current = clip.timeOf(i); // wait for the chunk: do not run ahead
      void clip.load(Math.min(clip.count - 1, i + 30)); // prefetch the next second
      setFrame(i);
      if (i >= clip.count - 1) setPlaying(false);
      else raf = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(raf);
  }, [clip, playing, speed]);

  useEffect(() => {
    if (!clip) return;
    const draw = () => {
      const bitmap = clip.bitmap(frame);
      const el = canvas.current;
      if (!bitmap || !el) return false;
      paint(el, bitmap, clip.boxAt(frame));
      return true;
    };
    if (!draw()) void clip.load(frame).then(draw);
  }, [clip, frame]);

  if (error) return <p class="clip-missing">{t('clip.unavailable', { reason: error })}</p>;
  if (!clip) return <p class="clip-missing">{t('clip.loading')}</p>;
  const seek = (i: number) => {
    const next = Math.max(0, Math.min(clip.count - 1, i));
    position.current = clip.timeOf(next);
    setFrame(next);
  };
  const total = clip.timeOf(clip.count - 1);
  return (
    <div class="clip-player">
      <canvas ref={canvas} class="clip-canvas" aria-label={t('clip.video')} />
      <input
        type="range"
        class="clip-scrub"
        min={0}
        max={clip.count - 1}
        value={frame}
        aria-label={t('clip.position')}
        onInput={(e) => seek(Number((e.target as HTMLInputElement).value))}
      />
      <div class="clip-controls">
        <button
          type="button"
          class="button"
          onClick={() => seek(frame - 1)}
          aria-label={t('clip.previousFrame')}
        >
          ◀︎|
        </button>
        <button
          type="button"
          class="button primary clip-play"
          onClick={() => {
            if (!playing && frame >= clip.count - 1) seek(0);
            setPlaying(!playing);
          }}
        >
          {playing ? t('clip.pause') : t('clip.play')}
        </button>
        <button type="button" class="button" onClick={() => seek(frame + 1)} aria-label={t('clip.nextFrame')}>
          |▶︎
        </button>
        <label class="clip-speed">
          <span class="sr-only">{t('clip.speed')}</span>
          <select
            value={String(speed)}
            onChange={(e) => setSpeed(Number((e.target as HTMLSelectElement).value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>{`${s}×`}</option>
            ))}
          </select>
        </label>
        <span class="clip-time" aria-live="off">
          {formatClipTime(clip.timeOf(frame))} / {formatClipTime(total)}
        </span>
        <ClipDownload eventId={eventId} />
      </div>
    </div>
  );
}

/** Draws a frame at its own size (CSS scales the canvas) and the motion box over it. */
function paint(el: HTMLCanvasElement, bitmap: ImageBitmap, box: BoundingBox | null): void {
  if (el.width !== bitmap.width) el.width = bitmap.width;
  if (el.height !== bitmap.height) el.height = bitmap.height;
  const ctx = el.getContext('2d');
  if (!ctx) return;
  ctx.drawImage(bitmap, 0, 0);
  if (!box) return;
  ctx.lineWidth = Math.max(2, el.width / 200);
  ctx.strokeStyle = '#ffcc00';
  ctx.strokeRect(box.x * el.width, box.y * el.height, box.w * el.width, box.h * el.height);
}
