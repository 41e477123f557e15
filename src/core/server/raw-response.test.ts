import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './testing/test-server';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  if (server) removeDir(server.dataDir);
  server = undefined;
});

/** Everything the server sends for one raw request, up to the connection's close. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(3000, () => {
      socket.destroy();
      reject(new Error(`no close within 3 s; got ${JSON.stringify(text)}`));
    });
  });
}

describe('HEAD on the streaming routes', () => {
  it.each(['/events', '/stream.mjpg'])(
    'HEAD %s answers the head only, with no body, and closes',
    async (path) => {
      server = await startTestServer();
      const reply = await rawExchange(server.port, `HEAD ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(reply.endsWith('\r\n\r\n')).toBe(true);
      expect(reply.split('\r\n\r\n')[1]).toBe('');
      expect(server.hub.subscriberCount).toBe(0);
    },
  );
});
