import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { formatPercent } from '../i18n/format';
import { currentLevel, levelSamples, levelsVersion, levelWindowSeconds } from '../state/levels';
import { pageVisible, settings } from '../state/live';
import { paintGraph } from './graph-painter';

/** Repaint interval in ms: as often as `level` samples may come (5/s), so the graph also scrolls in stillness. */
const tickMs = 200;

/** The last minute of motion level against the threshold: tune the threshold by eye. */
export function MotionGraph() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const threshold = settings.value?.threshold ?? null;
  void levelsVersion.value; // re-render the caption on each sample

  useEffect(() => {
    const el = canvas.current;
    if (!el || !pageVisible.value) return;
    const paint = () => {
      // The server's clock sets "now", so a skewed client clock does not shift the picture.
      const last = currentLevel();
      const now = last ? Math.max(last.ts, Date.now() / 1000 - clockSkew(last.ts)) : Date.now() / 1000;
      paintGraph(el, { samples: levelSamples, now, window: levelWindowSeconds, threshold });
    };
    paint();
    const timer = setInterval(paint, tickMs);
    const resize = new ResizeObserver(paint);
    resize.observe(el);
    return () => {
      clearInterval(timer);
      resize.disconnect();
    };
  }, [threshold, pageVisible.value]);

  const level = currentLevel();
  const value = level ? formatPercent(level.change) : '–';
  const limit = threshold === null ? '–' : formatPercent(threshold);
  return (
    <figure class="graph">
      <figcaption class="graph-caption">
        <span>{t('graph.title')}</span>
        <span class={`graph-now${level?.active ? ' active' : ''}`}>{value}</span>
        <span class="graph-threshold">{t('graph.threshold', { value: limit })}</span>
      </figcaption>
      <canvas
        ref={canvas}
        class="graph-canvas"
        role="img"
        aria-label={t('graph.summary', { value, threshold: limit })}
      />
    </figure>
  );
}

let skew: number | null = null;

/** Client clock minus server clock, learnt from the first sample (level timestamps are the server's). */
function clockSkew(serverTs: number): number {
  skew ??= Date.now() / 1000 - serverTs;
  return skew;
}
