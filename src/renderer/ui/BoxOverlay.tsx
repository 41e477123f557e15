import type { BoundingBox } from '../../shared/events';

/** Props of `BoxOverlay`. */
interface BoxOverlayProps {
  /** The box to outline, in 0..1 image coordinates; none when null. */
  box: BoundingBox | null;
  /** Mask polygons to shade faintly, in 0..1 image coordinates. Default none. */
  masks?: [number, number][][];
}

/** An SVG laid over an image in its own 0..1 coordinates: the motion box and the masks. */
export function BoxOverlay({ box, masks = [] }: BoxOverlayProps) {
  return (
    <svg class="overlay" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
      {masks.map((polygon, i) => (
        <polygon key={i} class="mask-shape" points={polygon.map(([x, y]) => `${x},${y}`).join(' ')} />
      ))}
      {box && <rect class="motion-box" x={box.x} y={box.y} width={box.w} height={box.h} />}
    </svg>
  );
}
