import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import type { AppState } from '../../shared/api';
import type { StorageState } from '../../shared/recording';
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
  /** Recordings' disk use; no recording gauges without it. */
  recordings?: { readonly storage: StorageState };
  health: Health;
  state(): AppState;
  /** Frames analysed by the detectors so far, all cameras. Default: not reported. */
  analysedFrames?: () => number;
}

/** `GET /metrics` in Prometheus text format; one registry per server, so tests can run several. */
export function registerMetrics(app: FastifyInstance, opts: MetricsOptions): void {
  const registry = new Registry();
  // The event-loop lag histogram samples every 100 ms, not prom-client's 10: a timer 100 times a second
  // woke the loop more often than 30 fps of frames did. Lag spikes are still seen, sampled more coarsely.
  collectDefaultMetrics({ register: registry, prefix: 'motion_kiosk_', eventLoopMonitoringPrecision: 100 });
  const { hub, stats } = opts;
  const recordings = opts.recordings;
  if (recordings) {
    const storage = () => recordings.storage;
    gauge(
      registry,
      'motion_kiosk_recording_bytes',
      'Bytes of clips and best pictures kept',
      () => storage().usedBytes,
    );
    gauge(registry, 'motion_kiosk_recording_clips', 'Recordings kept on disk', () => storage().clips);
    gauge(registry, 'motion_kiosk_disk_free_bytes', 'Free bytes on the data dir', () => storage().freeBytes);
    gauge(
      registry,
      'motion_kiosk_disk_reserve_bytes',
      'Free bytes kept by deleting old clips',
      () => storage().reserveBytes,
    );
    gauge(
      registry,
      'motion_kiosk_oldest_recording_seconds',
      'Unix time of the oldest recording kept (0 when none)',
      () => storage().oldest ?? 0,
    );
    gauge(
      registry,
      'motion_kiosk_recording_paused',
      '1 when clips are not recorded for lack of disk space',
      () => (storage().problem ? 1 : 0),
    );
  }
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
  const reported = new Map<string, number>();
  new Counter({
    name: 'motion_kiosk_frames_total',
    help: 'Frames captured',
    labelNames: ['camera'],
    registers: [registry],
    // Read from each bus's own count at scrape time: nothing runs per frame for the metrics.
    collect() {
      for (const bus of opts.buses) {
        const now = bus.published;
        const before = reported.get(bus.camera) ?? 0;
        if (now > before) this.inc({ camera: bus.camera }, now - before);
        reported.set(bus.camera, now);
      }
    },
  });
  if (opts.analysedFrames) {
    totalCounter(
      registry,
      'motion_kiosk_frames_analysed_total',
      'Frames the motion detector analysed (fewer than captured while the scene is still)',
      opts.analysedFrames,
    );
  }

  app.get('/metrics', async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
