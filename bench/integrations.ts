/**
 * `npm run bench:integrations [-- --rounds R --events N]`: what one message to the outside costs this process: CPU (user + system, µs per message) and bytes, for
 * - an MQTT event: `MqttIntegration.onEvent` for a motion start or end, as the hub calls it, through to a real
 *   mosquitto (event JSON, motion, change, the snapshot read from disk and published, the peer announcement);
 * - an MQTT snapshot alone: one 640×480 JPEG published retained;
 * - a webhook: request built (JSON, HMAC-signed; and ntfy with the JPEG) and POSTed to a receiver in another process;
 * - a Web Push message: encryption (aes128gcm) and the VAPID JWT, as `web-push` prepares it (the push service itself
 *   is out of reach here, so sending is not included).
 * Each figure is the median of R rounds; every wait has a deadline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Arming } from '../src/core/integrations/arming';
import { MqttIntegration } from '../src/core/integrations/mqtt-integration';
import { startBroker } from '../src/core/integrations/testing/broker';
import type { StoredEvent } from '../src/shared/events';
import { cpuMicros, median, pushRounds, webhookRounds } from './integrations-http';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, events: { type: 'string', default: '400' } },
});
const rounds = Number(values.rounds);
const count = Number(values.events);
if (!(rounds >= 1 && rounds <= 50 && count >= 10 && count <= 100_000))
  throw new Error('--rounds 1..50, --events 10..100000');

const log = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'mk-bench-int-'));
const jpegPath = join(dir, 'frame.jpg');
execFileSync('ffmpeg', [
  '-v',
  'error',
  '-f',
  'lavfi',
  '-i',
  'testsrc=size=640x480',
  '-frames:v',
  '1',
  '-q:v',
  '5',
  jpegPath,
]);
const jpeg = readFileSync(jpegPath);
const until = async (done: () => boolean, what: string, ms = 60_000) => {
  for (const end = Date.now() + ms; !done(); ) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function motion(id: number): StoredEvent {
  return {
    type: 'motion',
    id,
    data: {
      id,
      camera: 'camera',
      ts: Date.now() / 1000,
      count: id,
      change: 4.2,
      box: { x: 0.1, y: 0.2, w: 0.3, h: 0.4 },
      snapshot: `/api/events/${id}/snapshot.jpg`,
    },
  };
}
function end(id: number): StoredEvent {
  const data = {
    id: id + 1,
    camera: 'camera',
    ts: Date.now() / 1000,
    motionId: id,
    duration: 5.5,
    peakChange: 5.1,
    frames: 80,
  };
  return { type: 'motion-end', id: id + 1, data } as StoredEvent;
}

/**
 * CPU µs per message of `work` on a connected integration, up to its stop: stopping waits for the QoS 1 `offline`
 * sent after everything else, so the socket writes of QoS 0 messages are counted too.
 */
async function measureMqtt(url: string, arming: Arming, work: (m: MqttIntegration) => void): Promise<number> {
  const integration = new MqttIntegration({
    config: { url, prefix: 'bench/kiosk', discovery: false },
    device: { id: 'mk-000000000000', name: 'bench', version: 'bench', url: 'http://127.0.0.1' },
    arming,
    picturePath: () => jpegPath,
    notifyLabels: () => null,
    latestJpeg: () => jpeg,
    log,
  });
  const bridge = integration.bridge;
  await until(() => bridge.state === 'connected' && bridge.sent > 0, 'connect');
  const before = cpuMicros();
  work(integration);
  // Snapshot files are read asynchronously: wait until every publish was handed to the client.
  let last = -1;
  await until(() => {
    const settled = bridge.sent === last;
    last = bridge.sent;
    return settled;
  }, 'publishes');
  await integration.stop();
  return (cpuMicros() - before) / count;
}

async function mqttRounds(url: string) {
  const arming = await Arming.open(dir, log);
  const event: number[] = [];
  const snapshot: number[] = [];
  for (let r = 0; r < rounds; r++) {
    event.push(
      await measureMqtt(url, arming, (m) => {
        for (let i = 0; i < count; i += 2) {
          m.onEvent(motion(1000 + i));
          m.onEvent(end(1000 + i));
        }
      }),
    );
    snapshot.push(
      await measureMqtt(url, arming, (m) => {
        for (let i = 0; i < count; i++)
          m.bridge.publish({ topic: 'bench/kiosk/snapshot', payload: jpeg, qos: 0, retain: true });
      }),
    );
  }
  await arming.close();
  const eventBytes = JSON.stringify({ type: 'motion', ...motion(1).data }).length;
  return { event: median(event), snapshot: median(snapshot), eventBytes };
}

async function main(): Promise<void> {
  const broker = await startBroker();
  try {
    console.log(
      `integrations bench: ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, ${rounds} rounds, ${count} messages a round, JPEG ${jpeg.length} B`,
    );
    const mqtt = await mqttRounds(broker.url);
    const hooks = await webhookRounds({ rounds, count, jpeg });
    const push = pushRounds({ rounds, count, jpeg });
    const frameUs = 1e6 / 30;
    const rows: [string, number, string][] = [
      [
        'MQTT event (start or end, all its messages)',
        mqtt.event,
        `${mqtt.eventBytes} B JSON + ${jpeg.length} B snapshot`,
      ],
      ['MQTT snapshot alone', mqtt.snapshot, `${jpeg.length} B`],
      ['webhook json, signed (build + POST)', hooks.json.cpu, `${hooks.json.bytes} B`],
      ['webhook ntfy with JPEG (build + POST)', hooks.ntfy.cpu, `${hooks.ntfy.bytes} B`],
      ['Web Push (encrypt + VAPID, not sent)', push.cpu, `${push.bytes} B`],
    ];
    for (const [name, us, bytes] of rows)
      console.log(
        `${name.padEnd(46)} ${us.toFixed(0).padStart(6)} µs CPU median  ${((us / frameUs) * 100).toFixed(2).padStart(6)} % of a 30 fps frame  ${bytes}`,
      );
    console.log(
      `load after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
