import type { EventRecord } from '../../shared/api';
import { t } from '../i18n';
import { formatPercent, formatSeconds, formatTime, formatTimeOfDay } from '../i18n/format';
import { ongoingPeak } from '../state/live';
import { openEventId } from '../state/viewer';
import { LabelChips } from './LabelChips';

/**
 * One row of the timeline: thumbnail (with its best object label), local time, duration, peak change and
 * labels; a dot while nobody has reviewed it. The row shows the time of day (its day is the heading above);
 * its accessible name the full date. Opens the event.
 */
export function EventItem({ event }: { event: EventRecord }) {
  const time = formatTime(event.ts);
  const live = ongoingPeak.value;
  const peak = event.end ? event.end.peakChange : live?.id === event.id ? live.peak : event.change;
  const top = event.labels[0];
  return (
    <li class={`event${event.reviewed ? '' : ' unreviewed'}`} data-event-id={event.id}>
      <button
        type="button"
        class="event-button"
        aria-label={`${t('timeline.open', { time, change: formatPercent(peak) })}${event.reviewed ? '' : `, ${t('historyView.newDot')}`}`}
        onClick={() => {
          openEventId.value = event.id;
        }}
      >
        <span class="thumb-box">
          <img
            class="thumb"
            src={event.end?.snapshot ?? event.snapshot}
            alt=""
            loading="lazy"
            decoding="async"
            draggable={false}
          />
          {top && <span class="thumb-label">{t(`label.${top.label}`)}</span>}
        </span>
        <span class="event-text">
          <span class="event-when">
            {!event.reviewed && <span class="dot review-dot" aria-hidden="true" />}
            <time class="event-time" dateTime={new Date(event.ts * 1000).toISOString()}>
              {formatTimeOfDay(event.ts)}
            </time>
          </span>
          <span class="event-meta">
            {event.end ? (
              <span class="duration">{formatSeconds(event.end.duration)}</span>
            ) : (
              <span class="ongoing">{t('timeline.ongoing')}</span>
            )}
            <span class="peak">{t('timeline.peak', { value: formatPercent(peak) })}</span>
          </span>
          <LabelChips labels={event.labels} />
        </span>
      </button>
    </li>
  );
}
