/**
 * `npm run bench:sse -- --clients N [--rate R] [--events E] [--per-process K] [--reconnect]`
 *
 * Starts the real event server in one process and N raw SSE clients on 127.0.0.1 spread over
 * load processes of at most K connections each, publishes E motion events at R per second, and
 * prints delivery latency (publish → last byte at the client), events lost, server RSS and CPU.
 * Bounded: every phase has a deadline and the whole run stops itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { LatencyHistogram } from './latency-histogram';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '1' },
    events: { type: 'string', default: '30' },
    'per-process': { type: 'string', default: '5000' },
    /** Halfway through, every client drops its stream and resumes with Last-Event-ID. */
    reconnect: { type: 'boolean', default: false },
  },
});

function positiveInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`--${name} must be an integer from 1 to ${max}`);
  return n;
}

const clients = positiveInt('clients', values.clients, 19_900);
const rate = positiveInt('rate', values.rate, 1000);
const events = positiveInt('events', values.events, 100_000);
const perProcess = positiveInt('per-process', values['per-process'], 19_000);
const children: ChildProcess[] = [];

function child(file: string): ChildProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', new URL(file, import.meta.url).pathname], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(proc);
  return proc;
}

/** Next IPC message of `type` from `proc`, or an error after `ms`. */
function next<T>(proc: ChildProcess, type: string, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${ms / 1000} s`)), ms);
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'error') reject(new Error(message.message));
      if (message.type !== type) return;
      clearTimeout(timer);
      proc.off('message', onMessage);
      resolve(message as T);
    };
    proc.on('message', onMessage);
    proc.once('exit', (code) => reject(new Error(`process exited (${code}) before ${type}`)));
  });
}

function stopAll(): void {
  for (const proc of children) if (proc.exitCode === null) proc.kill('SIGKILL');
}

interface PublishReport {
  ids: number[];
  /** Wall time of each publish call: commit, then a write to every client. */
  publishMs: number[];
  seconds: number;
  cpuMs: number;
  userMs: number;
  rssBefore: number;
  peakRss: number;
  subscribers: number;
}

interface LoadReport {
  lost: number;
  duplicates: number;
  disordered: number;
  closedEarly: number;
  cpuMs: number;
  histogram: { bins: number[]; max: number };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const server = child('./sse-server.ts');
  const { port, rss: idleRss } = await next<{ port: number; rss: number }>(server, 'ready', 30_000);
  const loads: { proc: ChildProcess; connections: number }[] = [];
  for (let left = clients; left > 0; left -= perProcess) {
    loads.push({ proc: child('./sse-load.ts'), connections: Math.min(perProcess, left) });
  }
  const connectStart = performance.now();
  await Promise.all(
    loads.map(({ proc, connections }) => {
      const connected = next(proc, 'connected', 300_000);
      proc.send({ cmd: 'connect', port, connections });
      return connected;
    }),
  );
  const connectSeconds = (performance.now() - connectStart) / 1000;

  const published = next<PublishReport>(server, 'published', (events / rate) * 1000 + 120_000);
  server.send({ cmd: 'publish', count: events, rate });
  let reconnectSeconds: number | null = null;
  if (values.reconnect) {
    await new Promise((r) => setTimeout(r, (events / rate / 2) * 1000));
    const started = performance.now();
    await Promise.all(
      loads.map(({ proc }) => {
        const done = next(proc, 'reconnected', 300_000);
        proc.send({ cmd: 'reconnect', port });
        return done;
      }),
    );
    reconnectSeconds = (performance.now() - started) / 1000;
  }
  const result = await published;
  const reports = await Promise.all(
    loads.map(({ proc }) => {
      const report = next<LoadReport>(proc, 'result', 60_000);
      proc.send({ cmd: 'expect', ids: result.ids });
      return report;
    }),
  );
  server.send({ cmd: 'stop' });

  const histogram = new LatencyHistogram();
  for (const r of reports) histogram.merge(r.histogram);
  const loadCpu = reports.reduce((n, r) => n + r.cpuMs, 0);
  const sum = (key: 'lost' | 'duplicates' | 'disordered' | 'closedEarly') =>
    reports.reduce((n, r) => n + r[key], 0);
  const rows: [string, string][] = [
    ['clients', `${clients} (${loads.length} load processes, connected in ${connectSeconds.toFixed(1)} s)`],
    ['server subscribers at end', String(result.subscribers)],
    ...(reconnectSeconds === null
      ? []
      : [
          [
            'reconnect wave',
            `all ${clients} resumed with Last-Event-ID in ${reconnectSeconds.toFixed(1)} s`,
          ] as [string, string],
        ]),
    ['events', `${events} at ${rate}/s over ${result.seconds.toFixed(1)} s`],
    ['deliveries', `${histogram.count} of ${clients * events} expected`],
    ['latency p50', `${histogram.percentile(0.5).toFixed(1)} ms`],
    ['latency p99', `${histogram.percentile(0.99).toFixed(1)} ms`],
    ['latency max', `${histogram.max.toFixed(1)} ms`],
    [
      'server publish call p50 / max',
      `${quantile(result.publishMs, 0.5).toFixed(1)} / ${Math.max(...result.publishMs).toFixed(1)} ms (commit + writing to every client)`,
    ],
    ['events lost', String(sum('lost'))],
    ['duplicates / out of order', `${sum('duplicates')} / ${sum('disordered')}`],
    ['streams closed early', String(sum('closedEarly'))],
    [
      'server RSS idle → connected → peak',
      `${mb(idleRss)} → ${mb(result.rssBefore)} → ${mb(result.peakRss)}`,
    ],
    [
      'server CPU while publishing',
      `${result.cpuMs.toFixed(0)} ms (${(result.cpuMs / result.seconds / 10) | 0}% of one core, ${(result.cpuMs / events).toFixed(1)} ms/event)`,
    ],
    ['  of which in the kernel', `${(result.cpuMs - result.userMs).toFixed(0)} ms`],
    ['load processes CPU (all)', `${loadCpu.toFixed(0)} ms (${(loadCpu / events).toFixed(1)} ms/event)`],
    [
      'machine',
      `${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
  if (sum('lost') > 0) process.exitCode = 1;
}

const deadline = setTimeout(() => {
  console.error('bench:sse: overall time limit reached; stopping');
  stopAll();
  process.exit(2);
}, 15 * 60_000);

main()
  .catch((err) => {
    console.error(`bench:sse: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(deadline);
    setTimeout(stopAll, 2000).unref();
  });
