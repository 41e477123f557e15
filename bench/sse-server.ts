/**
 * Server side of `npm run bench:sse`: the real store, hub and HTTP server in their own process,
 * driven by the orchestrator over IPC. Publishes motion events whose `ts` is the publish time,
 * so a client's latency is "publish → last byte here".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../src/core/server/testing/test-server';

type Command = { cmd: 'publish'; count: number; rate: number } | { cmd: 'stop' };

const wallMs = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mk-bench-sse-'));
  const s = await startTestServer({ dataDir, maxStreams: 19_900, keepaliveMs: 15_000 });
  const jpeg = Buffer.alloc(20_000, 0xab);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const send = (message: unknown) => process.send?.(message);

  process.on('message', async (message: Command) => {
    if (message.cmd === 'stop') {
      clearInterval(sampler);
      await s.close();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }
    const cpuBefore = process.cpuUsage();
    const rssBefore = process.memoryUsage().rss;
    const started = wallMs();
    const ids: number[] = [];
    const publishMs: number[] = [];
    const interval = 1000 / message.rate;
    for (let i = 0; i < message.count; i++) {
      const due = started + i * interval;
      const wait = due - wallMs();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const at = wallMs();
      ids.push(s.hub.publishMotionStart({ camera: 'bench', ts: at / 1000, change: 5, box: null }, jpeg).id);
      publishMs.push(wallMs() - at);
    }
    // Let the last writes leave before measuring.
    await new Promise((r) => setTimeout(r, 1000));
    const cpu = process.cpuUsage(cpuBefore);
    send({
      type: 'published',
      ids,
      publishMs,
      seconds: (wallMs() - started) / 1000,
      cpuMs: (cpu.user + cpu.system) / 1000,
      userMs: cpu.user / 1000,
      rssBefore,
      peakRss: Math.max(peakRss, process.memoryUsage().rss),
      subscribers: s.hub.subscriberCount,
    });
  });
  send({ type: 'ready', port: s.port, rss: process.memoryUsage().rss });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
