import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { AppState } from '../../shared/api';
import type { CameraStatus } from '../../shared/events';
import { t } from '../i18n';
import { formatBytes, formatDuration, formatNumber, formatTime } from '../i18n/format';
import { fetchState } from '../net/api';
import { Modal } from './Modal';

/** True while the health page is open (from the header). */
export const healthOpen = signal(false);

/** How often the open page re-reads `/api/state`, in ms. */
const refreshMs = 2000;

/**
 * Fields other parts of the core add to `/api/state` when they track them (restarts, storage,
 * retention). Shown when present; never invented when absent.
 */
interface Reported extends AppState {
  cameras: (CameraStatus & { restarts?: number })[];
  disk?: { usedBytes?: number; freeBytes?: number };
  retention?: { maxAgeDays?: number; maxEvents?: number };
}

/** The health page: what a homeowner or a helper on the phone needs to tell whether the camera is well. */
export function HealthDialog() {
  const open = healthOpen.value;
  const [state, setState] = useState<Reported | null>(null);
  useEffect(() => {
    if (!open) return;
    const read = () =>
      void fetchState()
        .then((s) => setState(s as Reported))
        .catch(() => {});
    read();
    const timer = setInterval(read, refreshMs);
    return () => clearInterval(timer);
  }, [open]);

  const camera = state?.cameras[0];
  const none = t('health.notReported');
  const rows: [string, string][] = state
    ? [
        [
          t('health.camera'),
          camera
            ? `${t(`camera.${camera.state}`)}, ${t('health.since', { time: formatTime(camera.since) })}`
            : none,
        ],
        ...(camera?.message ? [[t('health.reason'), camera.message] as [string, string]] : []),
        [t('health.fps'), camera ? t('health.fpsValue', { fps: formatNumber(camera.fps) }) : none],
        [t('health.restarts'), camera?.restarts === undefined ? none : formatNumber(camera.restarts)],
        [
          t('health.uptime'),
          state.startedAt === undefined ? none : formatDuration(Date.now() / 1000 - state.startedAt),
        ],
        [
          t('health.detector'),
          state.detectorMs === undefined
            ? state.backend
            : t('health.detectorValue', { backend: state.backend, ms: formatNumber(state.detectorMs) }),
        ],
        [t('health.disk'), state.disk?.usedBytes === undefined ? none : formatBytes(state.disk.usedBytes)],
        [t('health.retention'), retention(state.retention) ?? none],
        [t('health.version'), state.version],
      ]
    : [];
  return (
    <Modal
      open={open}
      onClose={() => {
        healthOpen.value = false;
      }}
      id="health-title"
      title={t('health.title')}
      closeLabel={t('health.close')}
      class="health"
    >
      <dl class="health-facts">
        {rows.map(([label, value]) => (
          <div key={label} class={value === none ? 'unreported' : undefined}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}

function retention(r: Reported['retention']): string | null {
  if (!r || (r.maxAgeDays === undefined && r.maxEvents === undefined)) return null;
  return [
    r.maxAgeDays && t('health.retentionDays', { count: r.maxAgeDays }),
    r.maxEvents && t('health.retentionEvents', { count: r.maxEvents }),
  ]
    .filter(Boolean)
    .join(', ');
}
