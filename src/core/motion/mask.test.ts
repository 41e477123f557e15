import { describe, expect, it } from 'vitest';
import { rasteriseMasks } from './mask';

/** The raster as rows of '#' (masked) and '.' (analysed). */
const picture = (keep: Float32Array, width: number) =>
  Array.from({ length: keep.length / width }, (_, row) =>
    Array.from(keep.subarray(row * width, (row + 1) * width), (v) => (v === 0 ? '#' : '.')).join(''),
  );

describe('rasteriseMasks', () => {
  it('masks the pixels whose centres lie inside a polygon', () => {
    const triangle: [number, number][] = [
      [0, 0],
      [1, 0],
      [0, 1],
    ];
    expect(picture(rasteriseMasks([triangle], 4, 4), 4)).toEqual(['###.', '##..', '#...', '....']);
  });

  it('masks the union of several polygons and nothing without one', () => {
    const left: [number, number][] = [
      [0, 0],
      [0.25, 0],
      [0.25, 1],
      [0, 1],
    ];
    const bottom: [number, number][] = [
      [0, 0.75],
      [1, 0.75],
      [1, 1],
      [0, 1],
    ];
    expect(picture(rasteriseMasks([left, bottom], 4, 4), 4)).toEqual(['#...', '#...', '#...', '####']);
    expect(picture(rasteriseMasks([], 2, 2), 2)).toEqual(['..', '..']);
  });

  it('agrees with the point-in-polygon rule on concave, self-crossing and degenerate polygons', () => {
    // Reference: the even-odd test at every pixel centre, as the definition of "masked".
    const inside = (poly: [number, number][], x: number, y: number) => {
      let hit = false;
      for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
        const [xi, yi] = poly[i];
        const [xj, yj] = poly[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
      }
      return hit;
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const shapes: [number, number][][] = [
      [
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.9],
      ],
      [
        [0.1, 0.1],
        [0.9, 0.9],
        [0.9, 0.1],
        [0.1, 0.9],
      ],
    ];
    for (let n = 0; n < 20; n++) {
      shapes.push(Array.from({ length: 3 + Math.floor(random() * 20) }, () => [random(), random()]));
    }
    const [width, height] = [37, 23];
    for (const shape of shapes) {
      const expected = Array.from({ length: width * height }, (_, i) =>
        inside(shape, ((i % width) + 0.5) / width, (Math.floor(i / width) + 0.5) / height) ? 0 : 1,
      );
      expect(Array.from(rasteriseMasks([shape], width, height))).toEqual(expected);
    }
  });
});
