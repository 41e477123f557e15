import { describe, expect, it } from 'vitest';
import { formatSseComment, formatSseMessage, formatSseRetry, parseLastEventId } from './sse-format';

describe('SSE framing', () => {
  it('writes id, event and data lines ended by a blank line', () => {
    expect(formatSseMessage({ id: 7, event: 'motion', data: '{"ts":1.5}' })).toBe(
      'id: 7\nevent: motion\ndata: {"ts":1.5}\n\n',
    );
  });

  it('omits id and event when not given', () => {
    expect(formatSseMessage({ data: 'x' })).toBe('data: x\n\n');
  });

  it('splits multi-line data into one data line per line, for every kind of line break', () => {
    expect(formatSseMessage({ event: 'note', data: 'a\nb\r\nc\rd' })).toBe(
      'event: note\ndata: a\ndata: b\ndata: c\ndata: d\n\n',
    );
  });

  it('keeps empty lines of data as empty data lines', () => {
    expect(formatSseMessage({ data: 'a\n\nb' })).toBe('data: a\ndata: \ndata: b\n\n');
  });

  it('refuses an event type that would break the framing', () => {
    expect(() => formatSseMessage({ event: 'a\nb', data: 'x' })).toThrow(/single line/);
  });

  it('writes comments, one colon line per line', () => {
    expect(formatSseComment('keepalive')).toBe(': keepalive\n\n');
    expect(formatSseComment('a\nb')).toBe(': a\n: b\n\n');
  });

  it('writes the retry hint', () => {
    expect(formatSseRetry(2000)).toBe('retry: 2000\n\n');
  });
});

describe('parseLastEventId', () => {
  it('reads the header first, then the query', () => {
    expect(parseLastEventId('12', '3')).toBe(12);
    expect(parseLastEventId(undefined, '3')).toBe(3);
    expect(parseLastEventId(' 4 ', undefined)).toBe(4);
    expect(parseLastEventId('0', undefined)).toBe(0);
  });

  it.each([
    ['text', 'abc'],
    ['negative', '-5'],
    ['huge', '99999999999999999999'],
    ['empty', ''],
    ['fraction', '1.5'],
    ['exponent', '1e3'],
    ['hex', '0x10'],
  ])('treats a %s value as no resume', (_name, value) => {
    expect(parseLastEventId(value, undefined)).toBeNull();
  });

  it('falls back to the query when the header is unusable', () => {
    expect(parseLastEventId('abc', '9')).toBe(9);
  });

  it('ignores repeated query values (arrays)', () => {
    expect(parseLastEventId(undefined, ['1', '2'])).toBeNull();
  });
});
