import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { formatNumber, formatPercent, formatSeconds, formatTime } from '../i18n/format';
import { changeHistory } from '../net/api';
import { events, historyState, loadOlder } from '../state/timeline';
import { openEventId } from '../state/viewer';
import { DeleteEvent } from './DeleteEvent';
import { EventMedia } from './EventMedia';
import { CloseIcon } from './icons';
import { LabelChips } from './LabelChips';

/** One event large: its snapshot with the moving area outlined, and its figures. Esc closes. */
export function EventViewer() {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = openEventId.value;
  const list = events.value;
  const index = list.findIndex((e) => e.id === id);
  const event = index >= 0 ? list[index] : null;

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (event && !el.open) el.showModal();
    if (!event && el.open) el.close();
  }, [event]);

  // Opening an event is reviewing it; the server tells every dashboard (this one too), which updates the row.
  const unreviewedId = event && !event.reviewed ? event.id : null;
  useEffect(() => {
    if (unreviewedId !== null) void changeHistory('POST', `api/events/${unreviewedId}/reviewed`);
  }, [unreviewedId]);

  const show = (i: number) => {
    openEventId.value = list[i]?.id ?? openEventId.value;
  };
  // At the oldest loaded event, "Older" first pages in more history.
  const showOlder = async () => {
    if (index >= list.length - 1) await loadOlder();
    const next = events.value[events.value.findIndex((e) => e.id === id) + 1];
    if (next) openEventId.value = next.id;
  };
  const atOldest = index >= list.length - 1 && historyState.value === 'end';
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is only the backdrop tap; Esc closes a modal dialog natively
    <dialog
      ref={dialog}
      class="viewer"
      aria-labelledby="viewer-title"
      onClose={() => {
        openEventId.value = null;
      }}
      onClick={(e) => {
        if (e.target === dialog.current) dialog.current?.close(); // a tap on the backdrop
      }}
    >
      {event && (
        <div class="viewer-body">
          <div class="viewer-head">
            <h2 id="viewer-title">{t('viewer.title', { time: formatTime(event.ts) })}</h2>
            <button
              type="button"
              class="button icon-only ghost"
              onClick={() => dialog.current?.close()}
              aria-label={t('viewer.close')}
            >
              <CloseIcon />
            </button>
          </div>
          <EventMedia event={event} />
          <dl class="viewer-facts">
            <div>
              <dt>{t('viewer.duration')}</dt>
              <dd>{event.end ? formatSeconds(event.end.duration) : t('timeline.ongoing')}</dd>
            </div>
            <div>
              <dt>{t('viewer.peak')}</dt>
              <dd>{formatPercent(event.end?.peakChange ?? event.change)}</dd>
            </div>
            <div>
              <dt>{t('viewer.start')}</dt>
              <dd>{formatPercent(event.change)}</dd>
            </div>
            {event.end && (
              <div>
                <dt>{t('viewer.frames')}</dt>
                <dd>{formatNumber(event.end.frames)}</dd>
              </div>
            )}
            {event.labels.length > 0 && (
              <div>
                <dt>{t('historyView.seen')}</dt>
                <dd>
                  <LabelChips labels={event.labels} />
                </dd>
              </div>
            )}
          </dl>
          <div class="viewer-nav">
            {event.end && <DeleteEvent eventId={event.id} />}
            <button type="button" class="button" disabled={index <= 0} onClick={() => show(index - 1)}>
              {t('viewer.newer')}
            </button>
            <button type="button" class="button" disabled={atOldest} onClick={() => void showOlder()}>
              {t('viewer.older')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
