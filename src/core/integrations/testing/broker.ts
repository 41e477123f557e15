import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real mosquitto on 127.0.0.1, started for one test file. */
export interface TestBroker {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (mosquitto cannot be told to pick one itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves once something accepts TCP connections on the port; bounded by `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}

/** Starts Debian's mosquitto with a minimal generated config: one loopback listener, anonymous allowed. */
export async function startBroker(port?: number): Promise<TestBroker> {
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'mk-broker-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${chosen} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  const child: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await waitForPort(chosen);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`mosquitto did not start: ${(err as Error).message}; ${stderr.trim()}`);
  }
  return {
    port: chosen,
    url: `mqtt://127.0.0.1:${chosen}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP forwarder from `listenPort` to `targetPort`: to the app, the broker comes up when this starts.
 * Lets a test keep its own subscriber connected to the broker throughout.
 */
export function forward(listenPort: number, targetPort: number): Promise<Server> {
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve(server)));
}
