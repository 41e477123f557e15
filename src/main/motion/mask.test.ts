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
});
