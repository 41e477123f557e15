import { expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue';

it('drops the oldest items past the count or the byte bound, and drains in order', () => {
  const queue = new BoundedQueue<string>(3, 10, (s) => s.length);
  for (const item of ['a', 'b', 'c', 'd']) queue.push(item);
  expect(queue.dropped).toBe(1);
  queue.push('xxxxxxxx');
  // 'c' + 'd' + 8 bytes = 10 fits; 'b' went for the count, then nothing more.
  expect(queue.drain()).toEqual(['c', 'd', 'xxxxxxxx']);
  expect(queue.dropped).toBe(2);
  queue.push('y'.repeat(20));
  expect(queue.drain()).toEqual(['y'.repeat(20)]);
  expect(queue.size).toBe(0);
});
