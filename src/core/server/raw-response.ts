import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Sockets already carrying a long-lived response. */
const streaming = new WeakSet<Socket>();

/**
 * Takes a long-lived response (SSE, MJPEG) away from Fastify and writes its status line and
 * headers straight onto the socket. The body then needs no chunked framing: it ends when the
 * connection closes. Writing pre-encoded Buffers to the socket is the cheapest fan-out Node has.
 * Returns null (and drops the connection) for a request pipelined behind a stream on the same
 * socket: its response would land inside the stream; and null, after the head, for a HEAD request.
 */
export function hijackSocket(
  request: FastifyRequest,
  reply: FastifyReply,
  headers: Record<string, string>,
): Socket | null {
  reply.hijack();
  const socket = request.raw.socket;
  if (streaming.has(socket)) {
    socket.destroy();
    return null;
  }
  streaming.add(socket);
  let head = 'HTTP/1.1 200 OK\r\nConnection: close\r\n';
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  // Fastify routes HEAD to GET handlers: a HEAD answer is the head alone, never a stream.
  if (request.method === 'HEAD') {
    socket.end(`${head}\r\n`);
    return null;
  }
  socket.setNoDelay(true);
  socket.setTimeout(0);
  socket.write(`${head}\r\n`);
  return socket;
}
