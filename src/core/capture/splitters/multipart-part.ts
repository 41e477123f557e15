import type { Writable } from 'node:stream';

const TAIL = Buffer.from('\r\n');
const head = (jpeg: Buffer) =>
  `--still\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`;

/** One JPEG as a multipart part, in one buffer (what `writePart` writes). */
export function multipartPart(jpeg: Buffer): Buffer {
  return Buffer.concat([Buffer.from(head(jpeg)), jpeg, TAIL]);
}

/**
 * Writes one JPEG as a multipart part with Content-Length, for ffmpeg's `-f mpjpeg` reader: head,
 * JPEG and tail in one corked write (one system call, and the JPEG is not copied into a new buffer).
 */
export function writePart(out: Writable, jpeg: Buffer): void {
  out.cork();
  out.write(head(jpeg));
  out.write(jpeg);
  out.write(TAIL);
  out.uncork();
}
