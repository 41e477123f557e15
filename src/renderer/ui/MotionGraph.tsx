import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { formatPercent } from '../i18n/format';
import { currentLevel, levelSamples, levelsVersion, levelWindowSeconds, serverNow } from '../state/levels';
import { pageVisible, previewThreshold, settings } from '../state/live';
import { offlineSince, outages } from '../state/outages';
import { graphLook, paintGraph } from './graph-painter';

/**
 * Repaint interval in ms: as often as `level` samples may come (5/s), so the graph scrolls smoothly. A
 * repaint that would change no pixel (a still scene's flat line) is skipped.
 */
const tickMs = 200;

/**
 * The last minute of motion level against the threshold: tune the threshold by eye. While the
 * threshold is being adjusted in the settings, the dashed line shows the value not yet saved.
 */
export function MotionGraph() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const threshold = previewThreshold.value ?? settings.value?.threshold ?? null;
  const gaps = outages.value;
  const downFrom = offlineSince.value;
  const gapLabel = t('outage.graph');
  void levelsVersion.value; // re-render the caption on each sample

  useEffect(() => {
    const el = canvas.current;
    if (!el || !pageVisible.value) return;
    // The server's clock sets "now", so a skewed client clock does not shift the picture.
    let painted = '';
    const paint = () => {
      const now = serverNow();
      const all = downFrom === null ? gaps : [...gaps, { from: downFrom, to: now }];
      const scene = {
        samples: levelSamples,
        now,
        window: levelWindowSeconds,
        threshold,
        gaps: all,
        gapLabel,
      };
      const look = `${devicePixelRatio} ${graphLook(scene, el.clientWidth, el.clientHeight)}`;
      if (look === painted) return;
      painted = look;
      paintGraph(el, scene);
      // For tests: a reloaded graph starts full, with samples older than the page.
      el.dataset.samples = String(levelSamples.length);
      el.dataset.oldest = String(levelSamples[0]?.ts ?? '');
    };
    paint();
    const timer = setInterval(paint, tickMs);
    const resize = new ResizeObserver(() => {
      painted = ''; // resizing the canvas clears it
      paint();
    });
    resize.observe(el);
    return () => {
      clearInterval(timer);
      resize.disconnect();
    };
  }, [threshold, gaps, downFrom, gapLabel, pageVisible.value]);

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
