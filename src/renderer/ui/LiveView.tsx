import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { stacked } from '../state/layout';
import {
  cameraStatus,
  connection,
  editingMasks,
  motionBox,
  motionNow,
  pageVisible,
  settings,
} from '../state/live';
import { attachCanvas, pictureState, startLivePicture } from '../state/live-picture';
import { BoxOverlay } from './BoxOverlay';
import { FoldButton } from './FoldButton';
import { LiveLabels } from './LiveLabels';
import { MaskLayer } from './MaskLayer';
import { StatusLine } from './StatusLine';

/**
 * The live picture at the camera's aspect ratio, with the motion box and masks over it. Frames come
 * from the browser's one shared `/stream.mjpg` (see `state/live-picture.ts`) and are drawn on a canvas;
 * a hidden tab keeps its last picture and decodes nothing.
 */
export function LiveView() {
  const s = settings.value;
  const ratio = s ? s.captureWidth / s.captureHeight : 4 / 3;
  const offline = cameraStatus.value?.state === 'offline';
  const lost = pictureState.value === 'lost' || connection.value === 'down';
  useEffect(() => startLivePicture(), []);

  return (
    <div class="live">
      <div class={`frame${offline || lost ? ' dimmed' : ''}`} style={{ '--ratio': ratio }}>
        <canvas ref={attachCanvas} class="feed" role="img" aria-label={t('live.label')} />
        {editingMasks.value ? (
          <MaskLayer ratio={ratio} />
        ) : (
          <BoxOverlay box={motionBox.value} masks={s?.masks ?? []} />
        )}
        {!editingMasks.value && <LiveLabels />}
        {motionNow.value && !editingMasks.value && <span class="badge motion">{t('live.motion')}</span>}
        {!pageVisible.value && <span class="badge">{t('live.paused')}</span>}
        <StatusLine lost={lost} />
        {stacked.value && !editingMasks.value && <FoldButton />}
      </div>
    </div>
  );
}
