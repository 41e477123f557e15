import { t } from '../i18n';
import { formatNumber, formatTime } from '../i18n/format';
import { cameraStatus } from '../state/live';
import { CameraRetry } from './CameraRetry';

/** Props of `StatusLine`. */
interface StatusLineProps {
  /** The live stream failed and is being retried. */
  lost: boolean;
}

/** The small line under the picture: camera state, frame rate, detector; a big note when offline. */
export function StatusLine({ lost }: StatusLineProps) {
  const status = cameraStatus.value;
  if (status?.state === 'offline') {
    return (
      <div class="offline-note" role="status">
        <strong>{t('camera.offlineSince', { time: formatTime(status.since) })}</strong>
        <CameraRetry status={status} />
      </div>
    );
  }
  if (lost) {
    return (
      <div class="offline-note" role="status">
        <strong>{t('live.streamLost')}</strong>
      </div>
    );
  }
  return (
    <div class="status-line">
      <span class={`dot state-${status?.state ?? 'starting'}`} aria-hidden="true" />
      <span>{status ? t(`camera.${status.state}`) : t('camera.waiting')}</span>
      {status?.state === 'online' && <span>{t('camera.fps', { fps: formatNumber(status.fps) })}</span>}
      {status && <span>{t('camera.backend', { backend: status.backend })}</span>}
    </div>
  );
}
