/** Most bytes buffered while looking for the end of a part's headers: past it the stream is not MJPEG. */
const maxHeaderBytes = 4096;

const CRLFCRLF = [13, 10, 13, 10];

/**
 * Splits a `multipart/x-mixed-replace` byte stream (the server's `/stream.mjpg`) into its JPEG parts.
 * Every part of that stream has a `Content-Length` (a contract of the route), so a part is cut by its
 * length, never by scanning the image bytes for the boundary.
 */
export class MultipartParser {
  #buffer: Uint8Array = new Uint8Array(0);
  #length: number | null = null;

  /** @param onPart receives each part's body (a fresh array, safe to keep). */
  constructor(private readonly onPart: (body: Uint8Array<ArrayBuffer>) => void) {}

  /** Feeds the next chunk of the response body. Throws when the stream is not what the route sends. */
  push(chunk: Uint8Array): void {
    this.#buffer = concat(this.#buffer, chunk);
    for (;;) {
      if (this.#length === null) {
        const end = indexOf(this.#buffer, CRLFCRLF);
        if (end < 0) {
          if (this.#buffer.length > maxHeaderBytes) throw new Error('no part headers in the live stream');
          return;
        }
        const head = new TextDecoder().decode(this.#buffer.subarray(0, end));
        const match = /content-length:\s*(\d+)/i.exec(head);
        if (!match) throw new Error('a live stream part without Content-Length');
        this.#length = Number(match[1]);
        this.#buffer = this.#buffer.subarray(end + 4);
      }
      if (this.#buffer.length < this.#length) return;
      this.onPart(this.#buffer.slice(0, this.#length));
      this.#buffer = this.#buffer.subarray(this.#length);
      this.#length = null;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function indexOf(haystack: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
