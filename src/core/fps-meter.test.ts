import { describe, expect, it } from 'vitest';
import { FpsMeter } from './fps-meter';

describe('FpsMeter', () => {
  it('measures the rate over its window and forgets old frames', () => {
    const meter = new FpsMeter(1000);
    for (let t = 0; t <= 2000; t += 100) meter.tick(t);
    expect(meter.rate(2000)).toBe(10);
    expect(meter.rate(5000)).toBe(0);
  });
});
