import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import type { AppState } from '../../shared/api';
import type { EventHub } from '../events/event-hub';
import type { FrameBus } from '../frames/frame-bus';
import type { Health } from '../health/health';
import { registerHealthMetrics } from './health-metrics';
import { gauge, totalCounter } from './metric-helpers';
import type { StreamStats } from './stream-stats';

export interface MetricsOptions {
  hub: EventHub;
  buses: FrameBus[];
  stats: StreamStats;
  health: Health;
  state(): AppState;
}

/** `GET /metrics` in Prometheus text format; one registry per server, so tests can run several. */
export function registerMetrics(app: FastifyInstance, opts: MetricsOptions): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'motion_kiosk_' });
  const { hub, stats } = opts;
  gauge(registry, 'motion_kiosk_sse_clients', 'Connected /events streams', () => stats.sseClients);
  gauge(registry, 'motion_kiosk_mjpeg_viewers', 'Connected /stream.mjpg viewers', () => stats.mjpegViewers);
  gauge(registry, 'motion_kiosk_last_event_id', 'Highest stored event id', () => hub.lastId);
  totalCounter(registry, 'motion_kiosk_events_total', 'Stored events published', () => hub.published);
  totalCounter(registry, 'motion_kiosk_motion_events_total', 'Motion events since start-up', () => hub.count);
  totalCounter(
    registry,
    'motion_kiosk_sse_rejected_total',
    '/events refused (limit)',
    () => stats.sseRejected,
  );
  totalCounter(
    registry,
    'motion_kiosk_sse_overflow_total',
    'Streams closed for not reading',
    () => stats.sseOverflows,
  );
  totalCounter(registry, 'motion_kiosk_mjpeg_frames_sent_total', 'MJPEG frames sent', () => stats.mjpegSent);
  totalCounter(
    registry,
    'motion_kiosk_mjpeg_frames_skipped_total',
    'MJPEG frames skipped',
    () => stats.mjpegSkipped,
  );
  registerHealthMetrics(registry, opts);
  const frames = new Counter({
    name: 'motion_kiosk_frames_total',
    help: 'Frames captured',
    labelNames: ['camera'],
    registers: [registry],
  });
  const unsubscribes = opts.buses.map((bus) => bus.subscribe(() => frames.inc({ camera: bus.camera })));
  app.addHook('onClose', (_app, done) => {
    for (const off of unsubscribes) off();
    done();
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
