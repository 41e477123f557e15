import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import type { AppState } from '../../shared/api';
import type { StorageState } from '../../shared/recording';
import { t } from '../i18n';
import { formatBytes, formatDuration, formatNumber, formatTime } from '../i18n/format';
import { fetchState } from '../net/api';
import { Modal } from './Modal';

/** True while the health page is open (from the header). */
export const healthOpen = signal(false);

/** How often the open page re-reads `/api/state`, in ms. */
const refreshMs = 2000;

/** The health page: what a homeowner or a helper on the phone needs to tell whether the camera is well. */
export function HealthDialog() {
  const open = healthOpen.value;
  const [state, setState] = useState<AppState | null>(null);
  useEffect(() => {
    if (!open) return;
    const read = () =>
      void fetchState()
        .then(setState)
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
        [
          t('health.restarts'),
          camera?.restarts === undefined
            ? none
            : t('health.restartsValue', {
                total: formatNumber(camera.restarts),
                hour: formatNumber(camera.restartsLastHour ?? 0),
              }),
        ],
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
        [t('health.disk'), state.recordings ? disk(state.recordings) : none],
        [t('health.retention'), state.recordings ? retention(state.recordings.retention) : none],
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

/** Clips' share of the disk and what is left, from the recording store (`/api/state.recordings`). */
function disk(storage: StorageState): string {
  return t('health.diskValue', {
    used: formatBytes(storage.usedBytes),
    free: formatBytes(storage.freeBytes),
    total: formatBytes(storage.totalBytes),
  });
}

/** The clip limits in force; 0 means no limit of that kind. */
function retention(limits: StorageState['retention']): string {
  const parts = [
    limits.maxAgeDays > 0 && t('health.retentionDays', { count: limits.maxAgeDays }),
    limits.maxClips > 0 &&
      t('health.retentionClips', { count: limits.maxClips, value: formatNumber(limits.maxClips) }),
    limits.maxBytes > 0 && t('health.retentionBytes', { size: formatBytes(limits.maxBytes) }),
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : t('health.retentionNone');
}
