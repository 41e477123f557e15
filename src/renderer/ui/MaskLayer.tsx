import { useRef } from 'preact/hooks';
import { t } from '../i18n';
import {
  addCorner,
  deleteSelected,
  draftMasks,
  drawing,
  moveCorner,
  moveShape,
  type Point,
  type Polygon,
  selectedMask,
} from '../state/mask-draft';

/** Width of the drawing's coordinate space; the height follows the picture's aspect ratio. */
const width = 1000;

type Drag =
  | { kind: 'shape'; index: number; start: Point; original: Polygon }
  | { kind: 'corner'; index: number; corner: number };

/**
 * The mask editor's drawing surface over the live view. Pointer events cover mouse, touch and pen:
 * tap the picture to add corners, drag a shape to move it, drag a selected shape's corners.
 * Keyboard: Tab to a shape, arrows move it (Shift: further), Delete removes it.
 */
export function MaskLayer({ ratio }: { ratio: number }) {
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<Drag | null>(null);
  const height = width / ratio;

  const toPoint = (e: PointerEvent): Point => {
    const rect = (svg.current as SVGSVGElement).getBoundingClientRect();
    return [(e.clientX - rect.left) / rect.width, (e.clientY - rect.top) / rect.height];
  };
  const scaled = (polygon: Polygon) => polygon.map(([x, y]) => `${x * width},${y * height}`).join(' ');

  const begin = (e: PointerEvent, next: Drag) => {
    e.stopPropagation();
    drag.current = next;
    svg.current?.setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const p = toPoint(e);
    if (d.kind === 'shape') moveShape(d.index, d.original, p[0] - d.start[0], p[1] - d.start[1]);
    else moveCorner(d.index, d.corner, p);
  };
  const onKey = (index: number, e: KeyboardEvent) => {
    const step = e.shiftKey ? 0.05 : 0.01;
    const moves: Record<string, Point> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    if (e.key === 'Delete' || e.key === 'Backspace') deleteSelected();
    else if (moves[e.key]) moveShape(index, draftMasks.value[index], ...moves[e.key]);
    else return;
    e.preventDefault();
  };

  const selected = selectedMask.value;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG drawing surface cannot be a fieldset
    <svg
      ref={svg}
      class="overlay editing"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="group"
      aria-label={t('mask.title')}
      onPointerDown={(e) => addCorner(toPoint(e))}
      onPointerMove={onMove}
      onPointerUp={() => {
        drag.current = null;
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
    >
      {draftMasks.value.map((polygon, index) => (
        // biome-ignore lint/a11y/useSemanticElements: a polygon cannot be a <button>; it takes focus and keys itself
        <polygon
          key={index}
          class={`mask-shape editable${index === selected ? ' selected' : ''}`}
          points={scaled(polygon)}
          tabIndex={0}
          role="button"
          aria-label={t('mask.shape', { n: index + 1 })}
          aria-pressed={index === selected}
          onFocus={() => {
            selectedMask.value = index;
          }}
          onKeyDown={(e) => onKey(index, e)}
          onPointerDown={(e) => {
            if (drawing.value.length > 0) return; // a corner of the shape being drawn
            selectedMask.value = index;
            begin(e, { kind: 'shape', index, start: toPoint(e), original: polygon });
          }}
        />
      ))}
      {selected !== null &&
        draftMasks.value[selected]?.map(([x, y], corner) => (
          <g
            key={`c${corner}`}
            class="corner"
            onPointerDown={(e) => begin(e, { kind: 'corner', index: selected, corner })}
          >
            <circle class="corner-hit" cx={x * width} cy={y * height} r={48} />
            <circle class="corner-dot" cx={x * width} cy={y * height} r={14} />
          </g>
        ))}
      {drawing.value.length > 0 && (
        <g class="drawing">
          <polyline points={scaled(drawing.value)} />
          {drawing.value.map(([x, y], i) => (
            <circle key={i} cx={x * width} cy={y * height} r={12} />
          ))}
        </g>
      )}
    </svg>
  );
}
