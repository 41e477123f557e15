import { useEffect, useState } from 'preact/hooks';
import type { CameraStatus } from '../../shared/events';
import { t } from '../i18n';

/**
 * Under the offline note: "retrying in 4 s", counted down from the supervisor's `retryAt`, then the
 * last line the capture program wrote before it stopped (`ffmpeg: Connection refused`).
 */
export function CameraRetry({ status }: { status: CameraStatus }) {
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() / 1000), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = status.retryAt === undefined ? null : Math.max(0, Math.ceil(status.retryAt - now));
  const reason = status.message?.split('; retrying in')[0];
  const last = status.stderr?.at(-1);
  return (
    <>
      {reason && <span>{reason}</span>}
      {seconds !== null && (
        <span>{seconds > 0 ? t('cameraRetry.retryIn', { seconds }) : t('cameraRetry.retryingNow')}</span>
      )}
      {last && last !== reason && (
        <span class="stderr-line">{t('cameraRetry.lastError', { line: last })}</span>
      )}
      {(status.restartsLastHour ?? 0) > 1 && (
        <span>{t('cameraRetry.restarts', { count: status.restartsLastHour })}</span>
      )}
    </>
  );
}
