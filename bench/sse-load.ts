/**
 * Load side of `npm run bench:sse`: one process holding up to a few thousand raw SSE connections
 * (a process may hold at most 20,000 open files here). For every `motion` message it records
 * latency = arrival − the event's `ts` (publish time) into a 0.1 ms histogram, and checks ids.
 */
import { connect, type Socket } from 'node:net';
import { LatencyHistogram } from './latency-histogram';

type Command =
  | { cmd: 'connect'; port: number; connections: number }
  | { cmd: 'reconnect'; port: number }
  | { cmd: 'expect'; ids: number[] };

interface Conn {
  socket: Socket | null;
  rest: string;
  head: boolean;
  ids: number[];
  /** Set while we close it on purpose (reconnect, end of run). */
  leaving: boolean;
}

const wallMs = () => performance.timeOrigin + performance.now();
const histogram = new LatencyHistogram();
const READ_BUFFER = Buffer.alloc(64 * 1024);
const conns: Conn[] = [];
let closedEarly = 0;
let cpuAtConnected = process.cpuUsage();
const send = (message: unknown) => process.send?.(message);

function onData(conn: Conn, chunk: Buffer): void {
  const now = wallMs();
  let text = conn.rest + chunk.toString('latin1');
  if (!conn.head) {
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) {
      conn.rest = text;
      return;
    }
    if (!text.startsWith('HTTP/1.1 200')) throw new Error(`stream refused: ${text.slice(0, 200)}`);
    conn.head = true;
    text = text.slice(end + 4);
  }
  let start = 0;
  let end = text.indexOf('\n\n', start);
  while (end >= 0) {
    if (text.startsWith('id: ', start)) {
      conn.ids.push(Number.parseInt(text.slice(start + 4, text.indexOf('\n', start)), 10));
      const at = text.indexOf('"ts":', start);
      histogram.record(now - Number.parseFloat(text.slice(at + 5, at + 30)) * 1000);
    }
    start = end + 2;
    end = text.indexOf('\n\n', start);
  }
  conn.rest = text.slice(start);
}

/** Connects `conn` (again), resuming after its last id; resolves once the response head is in. */
function attach(conn: Conn, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const last = conn.ids.at(-1);
    const resume = last === undefined ? '' : `Last-Event-ID: ${last}\r\n`;
    conn.rest = '';
    conn.head = false;
    conn.leaving = false;
    // One read buffer shared by every connection (reads are handled synchronously): no allocation
    // per read, so the load generator leaves more of the shared CPU to the server it measures.
    const socket = connect({
      port,
      host: '127.0.0.1',
      onread: {
        buffer: READ_BUFFER,
        callback: (bytes: number, buffer: Uint8Array) => {
          const wasHead = conn.head;
          onData(conn, Buffer.from(buffer.buffer, buffer.byteOffset, bytes));
          if (!wasHead && conn.head) resolve();
          return true;
        },
      },
    });
    conn.socket = socket;
    socket.on('connect', () => socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n${resume}\r\n`));
    socket.on('error', reject);
    socket.on('close', () => {
      if (!conn.head) reject(new Error('closed before the response head'));
      else if (!conn.leaving) closedEarly++;
    });
  });
}

/** Runs `task` over `items` with 64 in flight: connecting thousands at once overflows the listen backlog. */
async function inBatches<T>(items: T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

function verify(ids: number[]): { lost: number; duplicates: number; disordered: number } {
  let lost = 0;
  let duplicates = 0;
  let disordered = 0;
  const wanted = new Set(ids);
  for (const conn of conns) {
    const got = conn.ids.filter((id) => wanted.has(id));
    const unique = new Set(got);
    duplicates += got.length - unique.size;
    lost += ids.length - unique.size;
    for (let i = 1; i < got.length; i++) if (got[i] <= got[i - 1]) disordered++;
  }
  return { lost, duplicates, disordered };
}

process.on('message', async (message: Command) => {
  try {
    if (message.cmd === 'connect') {
      for (let i = 0; i < message.connections; i++) {
        conns.push({ socket: null, rest: '', head: false, ids: [], leaving: false });
      }
      await inBatches(conns, (conn) => attach(conn, message.port));
      cpuAtConnected = process.cpuUsage();
      send({ type: 'connected', connections: conns.length });
      return;
    }
    if (message.cmd === 'reconnect') {
      // Every client drops its stream and comes back with Last-Event-ID while events keep coming.
      await inBatches(conns, (conn) => {
        conn.leaving = true;
        conn.socket?.destroy();
        return attach(conn, message.port);
      });
      send({ type: 'reconnected' });
      return;
    }
    const last = message.ids.at(-1) ?? 0;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && conns.some((c) => (c.ids.at(-1) ?? 0) < last && !c.socket?.destroyed)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const cpu = process.cpuUsage(cpuAtConnected);
    for (const conn of conns) {
      conn.leaving = true;
      conn.socket?.destroy();
    }
    send({
      type: 'result',
      ...verify(message.ids),
      closedEarly,
      cpuMs: (cpu.user + cpu.system) / 1000,
      histogram: histogram.toJSON(),
    });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
