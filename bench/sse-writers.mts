/**
 * `npx tsx bench/sse-writers.ts [--clients N] [--events E]`: what one event costs the server per
 * client, written three ways to the same N loopback connections: (1) one shared Buffer with
 * `socket.write` after `reply.hijack()` (what `/events` does), (2) `ServerResponse.write` of the
 * shared string (chunked encoding, what SSE libraries built on `res` do), (3) like (2) but the
 * message text built per client (libraries that serialise per session). Prints CPU µs per client
 * per event. A drain process reads and discards everything.
 */
import { spawn } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    events: { type: 'string', default: '40' },
    drain: { type: 'string' },
  },
});

if (values.drain) {
  // Drain side: open N connections to every mode and read everything.
  const { connect } = await import('node:net');
  const [port, n] = values.drain.split(':').map(Number);
  let open = 0;
  for (const path of ['/raw', '/res', '/res-per-client']) {
    for (let i = 0; i < n; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
          socket.once('data', () => resolve());
        });
        socket.on('data', () => {});
        open++;
      });
    }
  }
  process.send?.({ open });
} else {
  const clients = Number(values.clients);
  const events = Number(values.events);
  const raw: Socket[] = [];
  const res: ServerResponse[] = [];
  const perClient: ServerResponse[] = [];
  const head = 'Content-Type: text/event-stream\r\nCache-Control: no-cache, no-transform\r\n';
  const server = createServer((request, response) => {
    if (request.url === '/raw') {
      request.socket.write(`HTTP/1.1 200 OK\r\nConnection: close\r\n${head}\r\n: hi\n\n`);
      raw.push(request.socket);
    } else {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache, no-transform',
      });
      response.write(': hi\n\n');
      (request.url === '/res' ? res : perClient).push(response);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const drain = spawn(
    process.execPath,
    ['--import', 'tsx', new URL(import.meta.url).pathname, '--drain', `${port}:${clients}`],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await new Promise((resolve) => drain.once('message', resolve));
  const payload = (id: number) =>
    `id: ${id}\nevent: motion\ndata: ${JSON.stringify({ id, camera: 'camera', ts: Date.now() / 1000, count: id, change: 5.25, box: null, snapshot: `/api/events/${id}/snapshot.jpg` })}\n\n`;
  const modes: [string, (id: number) => void][] = [
    [
      'raw socket, shared Buffer',
      (id) => {
        const chunk = Buffer.from(payload(id));
        for (const socket of raw) socket.write(chunk);
      },
    ],
    [
      'ServerResponse, shared string',
      (id) => {
        const text = payload(id);
        for (const response of res) response.write(text);
      },
    ],
    [
      'ServerResponse, built per client',
      (id) => {
        for (const response of perClient) response.write(payload(id));
      },
    ],
  ];
  for (const [name, publish] of modes) {
    const before = process.cpuUsage();
    for (let id = 1; id <= events; id++) {
      publish(id);
      await new Promise((r) => setTimeout(r, 50));
    }
    const cpu = process.cpuUsage(before);
    const per = (us: number) => (us / events / clients).toFixed(2);
    console.log(
      `${name.padEnd(34)} user ${per(cpu.user)} µs + system ${per(cpu.system)} µs per client per event`,
    );
  }
  drain.kill('SIGKILL');
  server.closeAllConnections();
  server.close();
}
