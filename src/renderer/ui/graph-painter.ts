import type { MotionLevel } from '../../shared/events';

/** Samples further apart than this (s) are not joined: the graph never draws a line across a gap. */
const maxJoinSeconds = 2;

/** What one frame of the motion graph shows. */
export interface GraphScene {
  samples: readonly MotionLevel[];
  /** Right edge of the graph, Unix seconds. */
  now: number;
  /** Seconds shown. */
  window: number;
  /** The detection threshold, percent; null while unknown. */
  threshold: number | null;
  /** Stretches without contact with the server (Unix seconds): hatched, labelled, never bridged. */
  gaps: readonly { from: number; to: number }[];
  /** Label written in each gap, e.g. "offline". */
  gapLabel: string;
}

/**
 * Where a time and a level fall on a `w`×`h` canvas. The vertical scale keeps the threshold at or below
 * 60 % of the height and the peak inside it.
 */
function axesOf(scene: GraphScene, w: number, h: number) {
  let peak = 0;
  for (const s of scene.samples) peak = Math.max(peak, s.change);
  const top = Math.max((scene.threshold ?? 1) / 0.6, peak * 1.1, 0.5);
  return {
    x: (ts: number) => ((ts - (scene.now - scene.window)) / scene.window) * w,
    y: (v: number) => h - 2 - (Math.min(v, top) / top) * (h - 4),
  };
}

/**
 * What the graph would show on a `w`×`h` canvas, as a short string of whole-pixel positions: two scenes
 * with the same look paint the same pixels. A still scene's flat line looks the same as it scrolls, so
 * the graph need not be repainted (in software compositing each repaint of the page costs the kiosk
 * CPU). A flat run of the line counts by its visible ends only.
 */
export function graphLook(scene: GraphScene, w: number, h: number): string {
  const { samples, threshold } = scene;
  const axes = axesOf(scene, w, h);
  // Off the canvas is -1 or w + 1, and the newest sample's last two pixels count as the edge: samples come
  // 5 a second, so the line's end wavers by a pixel as the graph scrolls.
  const x = (ts: number) => {
    const at = axes.x(ts);
    return at < 0 ? -1 : at > w - 2 ? w + 1 : Math.round(at);
  };
  const y = (v: number) => Math.round(axes.y(v));
  const parts: string[] = [`${w}x${h}`, threshold === null ? '-' : String(y(threshold))];
  for (const gap of scene.gaps)
    if (x(gap.to) > 0 && x(gap.from) < w) parts.push(`g${x(gap.from)}-${x(gap.to)}`);
  let run = '';
  samples.forEach((s, i) => {
    if (s.active) parts.push(`a${x(s.ts)}`);
    const joined = i > 0 && s.ts - samples[i - 1].ts <= maxJoinSeconds;
    const point = `${x(s.ts)},${y(s.change)}`;
    const flat = joined && y(s.change) === y(samples[i - 1].change);
    if (!flat) {
      if (run) parts.push(run);
      parts.push(`${joined ? 'l' : 'm'}${point}`);
      run = '';
    } else run = `l${point}`;
  });
  if (run) parts.push(run);
  return parts.join(' ');
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

  const { samples, now, threshold, gaps } = scene;
  const { x, y } = axesOf(scene, w, h);

  ctx.fillStyle = color(canvas, '--graph-span');
  for (let i = 0; i < samples.length; i++) {
    if (!samples[i].active) continue;
    const end = Math.min(samples[i + 1]?.ts ?? now, samples[i].ts + maxJoinSeconds);
    ctx.fillRect(x(samples[i].ts), 0, Math.max(1, x(end) - x(samples[i].ts)), h);
  }

  ctx.font = `600 ${Math.min(16, h / 3)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const gap of gaps) {
    const left = Math.max(0, x(gap.from));
    const right = Math.min(w, x(gap.to));
    if (right <= 0 || left >= w) continue;
    ctx.fillStyle = color(canvas, '--graph-gap');
    ctx.fillRect(left, 0, Math.max(2, right - left), h);
    ctx.fillStyle = color(canvas, '--muted');
    if (right - left > 40) ctx.fillText(scene.gapLabel, (left + right) / 2, h / 2);
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
    const joined = i > 0 && s.ts - samples[i - 1].ts <= maxJoinSeconds;
    if (joined) ctx.lineTo(x(s.ts), y(s.change));
    else ctx.moveTo(x(s.ts), y(s.change));
  });
  ctx.stroke();
}
