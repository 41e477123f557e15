import { describe, expect, it } from 'vitest';
import { MultipartParser } from './multipart-parser';

const part = (body: number[]) => [
  ...new TextEncoder().encode(
    `--mkframe\r\nContent-Type: image/jpeg\r\nContent-Length: ${body.length}\r\n\r\n`,
  ),
  ...body,
  13,
  10,
];

describe('MultipartParser', () => {
  it('cuts parts by Content-Length, whatever the chunking, even when a body contains CRLFCRLF', () => {
    const bodies = [
      [0xff, 0xd8, 13, 10, 13, 10, 0xff, 0xd9],
      [1, 2, 3],
      [0xff, 0xd8, 0xff, 0xd9],
    ];
    const stream = Uint8Array.from(bodies.flatMap(part));
    for (const size of [1, 3, 7, stream.length]) {
      const got: number[][] = [];
      const parser = new MultipartParser((body) => got.push([...body]));
      for (let i = 0; i < stream.length; i += size) parser.push(stream.subarray(i, i + size));
      expect(got).toEqual(bodies);
    }
  });

  it('refuses a stream that is not the route’s multipart', () => {
    const parser = new MultipartParser(() => {});
    expect(() => parser.push(new TextEncoder().encode('--x\r\nContent-Type: image/jpeg\r\n\r\n'))).toThrow(
      /Content-Length/,
    );
    expect(() => new MultipartParser(() => {}).push(new Uint8Array(5000))).toThrow(/no part headers/);
  });
});
