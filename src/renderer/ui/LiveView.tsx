import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { cameraStatus, editingMasks, motionActive, motionBox, pageVisible, settings } from '../state/live';
import { BoxOverlay } from './BoxOverlay';
import { MaskLayer } from './MaskLayer';
import { StatusLine } from './StatusLine';

/** Wait before reopening a live stream that failed, in ms. */
const retryMs = 3000;

/**
 * The live MJPEG view at the camera's aspect ratio, with the motion box and masks over it.
 * In a hidden tab the stream is swapped for one still frame, which frees its HTTP connection.
 */
export function LiveView() {
  const [attempt, setAttempt] = useState(0);
  const [lost, setLost] = useState(false);
  const s = settings.value;
  const ratio = s ? s.captureWidth / s.captureHeight : 4 / 3;
  const offline = cameraStatus.value?.state === 'offline';
  const visible = pageVisible.value;

  useEffect(() => {
    if (!lost) return;
    const timer = setTimeout(() => {
      setLost(false);
      setAttempt((n) => n + 1);
    }, retryMs);
    return () => clearTimeout(timer);
  }, [lost]);

  const src = visible ? `stream.mjpg?attempt=${attempt}` : `snapshot.jpg?attempt=${attempt}`;
  return (
    <div class="live">
      <div class={`frame${offline || lost ? ' dimmed' : ''}`} style={{ '--ratio': ratio }}>
        <img
          class="feed"
          src={src}
          alt={t('live.label')}
          draggable={false}
          onError={() => setLost(true)}
          onLoad={() => setLost(false)}
        />
        {editingMasks.value ? (
          <MaskLayer ratio={ratio} />
        ) : (
          <BoxOverlay box={motionBox.value} masks={s?.masks ?? []} />
        )}
        {motionActive.value && !editingMasks.value && <span class="badge motion">{t('live.motion')}</span>}
        {!visible && <span class="badge">{t('live.paused')}</span>}
        <StatusLine lost={lost} />
      </div>
    </div>
  );
}
