import type { MotionLevel } from '../../shared/events';

/** What one frame of the motion graph shows. */
export interface GraphScene {
  samples: readonly MotionLevel[];
  /** Right edge of the graph, Unix seconds. */
  now: number;
  /** Seconds shown. */
  window: number;
  /** The detection threshold, percent; null while unknown. */
  threshold: number | null;
}

/** Colours from the page's CSS custom properties, so the graph follows the theme. */
function color(canvas: HTMLCanvasElement, name: string): string {
  return getComputedStyle(canvas).getPropertyValue(name).trim() || '#888';
}

/**
 * Paints the last minute of change scores: shaded spans while an event was open, the level as a
 * line, the threshold as a dashed line. The vertical scale keeps the threshold at or below 60 %
 * of the height, so a quiet scene still shows how far it is from triggering.
 */
export function paintGraph(canvas: HTMLCanvasElement, scene: GraphScene): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);

  const { samples, now, window, threshold } = scene;
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, s.change);
  const top = Math.max((threshold ?? 1) / 0.6, peak * 1.1, 0.5);
  const x = (ts: number) => ((ts - (now - window)) / window) * w;
  const y = (v: number) => h - 2 - (Math.min(v, top) / top) * (h - 4);

  ctx.fillStyle = color(canvas, '--graph-span');
  for (let i = 0; i < samples.length; i++) {
    if (!samples[i].active) continue;
    const end = samples[i + 1]?.ts ?? now;
    ctx.fillRect(x(samples[i].ts), 0, Math.max(1, x(end) - x(samples[i].ts)), h);
  }

  if (threshold !== null) {
    ctx.strokeStyle = color(canvas, '--graph-threshold');
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(0, y(threshold));
    ctx.lineTo(w, y(threshold));
    ctx.stroke();
    ctx.setLineDash([]);
  }

  ctx.strokeStyle = color(canvas, '--graph-line');
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  samples.forEach((s, i) => {
    if (i === 0) ctx.moveTo(x(s.ts), y(s.change));
    else ctx.lineTo(x(s.ts), y(s.change));
  });
  ctx.stroke();
}
