import type { EventRecord } from '../../shared/api';
import { t } from '../i18n';
import { BoxOverlay } from './BoxOverlay';
import { ClipPlayer } from './ClipPlayer';

/**
 * The viewer's picture: the event's clip player once its recording has ended, else its best picture
 * (with why there is no clip, when the server said so).
 */
export function EventMedia({ event }: { event: EventRecord }) {
  const clip = event.clip;
  const playable =
    event.end !== null && (clip ? clip.url !== null && clip.state !== 'recording' : !!event.end.clip);
  if (playable) return <ClipPlayer eventId={event.id} />;
  const note =
    !clip || clip.state === 'complete'
      ? null
      : clip.state === 'recording'
        ? t('clip.recording')
        : t(`clip.state_${clip.state}`, { reason: clip.reason ?? '' });
  return (
    <>
      <div class="viewer-picture">
        <img src={event.end?.snapshot ?? event.snapshot} alt={t('viewer.snapshot')} draggable={false} />
        <BoxOverlay box={clip?.best?.box ?? event.box} />
      </div>
      {note && <p class="clip-missing">{note}</p>}
    </>
  );
}
