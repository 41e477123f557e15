import { Gauge, type Registry } from 'prom-client';
import { gauge, totalCounter } from './metric-helpers';
import type { MetricsOptions } from './metrics';

/** Health, storage, tensor and camera-supervisor metrics: what `/healthz` and `status` say, as numbers. */
export function registerHealthMetrics(registry: Registry, opts: MetricsOptions): void {
  const { hub, health } = opts;
  gauge(registry, 'motion_kiosk_healthy', '1 when /healthz answers 200, else 0', () => (health.ok ? 1 : 0));
  gauge(registry, 'motion_kiosk_storage_queued_events', 'Announced events waiting for storage', () => {
    return hub.storage.queued;
  });
  gauge(registry, 'motion_kiosk_storage_pending_snapshots', 'Snapshots waiting for storage', () => {
    return hub.storage.pendingSnapshots;
  });
  totalCounter(registry, 'motion_kiosk_storage_failures_total', 'Writes the data dir refused', () => {
    return hub.storage.failures;
  });
  totalCounter(registry, 'motion_kiosk_events_lost_total', 'Announced events never stored', () => {
    return hub.storage.lost;
  });
  gauge(registry, 'motion_kiosk_tensors', 'Live tfjs tensors', () => opts.state().tensors ?? 0);
  const cameras = (name: string, help: string, read: (c: CameraRow) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ['camera'],
      registers: [registry],
      collect() {
        this.reset();
        for (const camera of opts.state().cameras) {
          const value = read(camera);
          if (value !== undefined) this.set({ camera: camera.camera }, value);
        }
      },
    });
  cameras('motion_kiosk_camera_up', '1 while the camera delivers frames', (c) =>
    c.state === 'online' ? 1 : 0,
  );
  cameras('motion_kiosk_camera_restarts', 'Capture restarts since start-up', (c) => c.restarts);
  cameras('motion_kiosk_camera_restarts_last_hour', 'Capture restarts in the last hour', (c) => {
    return c.restartsLastHour;
  });
  cameras('motion_kiosk_camera_retry_in_seconds', 'Seconds until the next capture attempt', (c) =>
    c.retryAt === undefined ? undefined : Math.max(0, c.retryAt - Date.now() / 1000),
  );
}

type CameraRow = ReturnType<MetricsOptions['state']>['cameras'][number];
