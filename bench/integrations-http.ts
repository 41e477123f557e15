import { type ChildProcess, spawn } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import webpush from 'web-push';
import { buildRequest, deliver } from '../src/core/integrations/webhook-sender';

/** One bench run's shape (`bench/integrations.ts`). */
export interface Run {
  rounds: number;
  count: number;
  jpeg: Buffer;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** This process's CPU time so far, user + system, µs. */
export const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** Webhook requests built and POSTed, one in flight, to a receiver in another process. */
export async function webhookRounds({ rounds, count, jpeg }: Run) {
  const receiver: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      "require('http').createServer((q,s)=>{q.resume();q.on('end',()=>s.end('ok'))}).listen(0,'127.0.0.1',function(){console.log(this.address().port)})",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    receiver.stdout?.once('data', (d) => resolve(Number(String(d).trim()))),
  );
  const kiosk = { id: 'mk-000000000000', name: 'bench', url: 'http://127.0.0.1' };
  const json = JSON.stringify({
    id: 1,
    camera: 'camera',
    ts: Date.now() / 1000,
    count: 1,
    change: 4.2,
    box: null,
  });
  const kinds = {
    json: { config: { url: `http://127.0.0.1:${port}/hook`, secret: 'bench-secret-123' }, jpeg: null },
    ntfy: { config: { url: `http://127.0.0.1:${port}/topic`, preset: 'ntfy' as const }, jpeg },
  };
  const result: Record<string, { cpu: number; bytes: number }> = {};
  for (const [name, kind] of Object.entries(kinds)) {
    const cpu: number[] = [];
    let bytes = 0;
    for (let r = 0; r < rounds; r++) {
      const before = cpuMicros();
      for (let i = 0; i < count / 4; i++) {
        const request = buildRequest(
          kind.config,
          { eventId: i, type: 'motion', json, jpeg: kind.jpeg },
          kiosk,
          Date.now(),
        );
        bytes = request.body.length + JSON.stringify(request.headers).length;
        const answer = await deliver(request);
        if (!answer.ok) throw new Error(`receiver: ${answer.error}`);
      }
      cpu.push((cpuMicros() - before) / (count / 4));
    }
    result[name] = { cpu: median(cpu), bytes };
  }
  receiver.kill();
  return result;
}

/** Web Push messages prepared (encrypted, VAPID-signed) as `web-push` sends them. */
export function pushRounds({ rounds, count }: Run) {
  const ua = createECDH('prime256v1');
  ua.generateKeys();
  const subscription = {
    endpoint: 'https://push.invalid/send/bench',
    keys: { p256dh: ua.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
  const keys = webpush.generateVAPIDKeys();
  const payload = JSON.stringify({
    title: 'bench',
    body: 'Person seen',
    ts: Date.now() / 1000,
    eventId: 1,
    image: '/api/events/1/snapshot.jpg',
    url: '/#event-1',
    label: 'person',
    score: 0.6,
  });
  const cpu: number[] = [];
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    const before = cpuMicros();
    for (let i = 0; i < count / 4; i++) {
      const details = webpush.generateRequestDetails(subscription, payload, {
        TTL: 3600,
        vapidDetails: { subject: 'mailto:bench@example.org', ...keys },
      });
      bytes = (details.body?.length ?? 0) + JSON.stringify(details.headers).length;
    }
    cpu.push((cpuMicros() - before) / (count / 4));
  }
  return { cpu: median(cpu), bytes };
}
