import { effect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { formatPercent } from '../i18n/format';
import { currentLevel, levelSamples, levelsVersion, levelWindowSeconds, serverNow } from '../state/levels';
import { pageVisible, previewThreshold, settings } from '../state/live';
import { offlineSince, outages } from '../state/outages';
import { graphLook, paintGraph } from './graph-painter';

/**
 * Longest time between repaints while no samples come, in ms: the graph still scrolls (an outage's
 * hatching grows). Otherwise it repaints when new samples are shown, with the live picture (see
 * `levelsVersion`), and a repaint that would change no pixel (a still scene's flat line) is skipped.
 */
const idleRepaintMs = 1000;

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
    let paintedAt = 0;
    const paint = () => {
      paintedAt = performance.now();
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
    // `effect` runs at once on each new sample, in the task that draws the picture: one frame for both.
    const stop = effect(() => {
      void levelsVersion.value;
      paint();
    });
    const timer = setInterval(() => {
      if (performance.now() - paintedAt >= idleRepaintMs) paint();
    }, idleRepaintMs / 2);
    const resize = new ResizeObserver(() => {
      painted = ''; // resizing the canvas clears it
      paint();
    });
    resize.observe(el);
    return () => {
      stop();
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
