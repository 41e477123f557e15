import type { EventRecord } from '../../shared/api';
import { t } from '../i18n';
import { formatPercent, formatSeconds, formatTime } from '../i18n/format';
import { ongoingPeak } from '../state/live';
import { openEventId } from '../state/viewer';

/** One row of the timeline: thumbnail, local time, duration and peak change; opens the event. */
export function EventItem({ event }: { event: EventRecord }) {
  const time = formatTime(event.ts);
  const live = ongoingPeak.value;
  const peak = event.end ? event.end.peakChange : live?.id === event.id ? live.peak : event.change;
  return (
    <li class="event" data-event-id={event.id}>
      <button
        type="button"
        class="event-button"
        aria-label={t('timeline.open', { time, change: formatPercent(peak) })}
        onClick={() => {
          openEventId.value = event.id;
        }}
      >
        <img
          class="thumb"
          src={event.end?.snapshot ?? event.snapshot}
          alt=""
          loading="lazy"
          decoding="async"
          draggable={false}
        />
        <span class="event-text">
          <time class="event-time" dateTime={new Date(event.ts * 1000).toISOString()}>
            {time}
          </time>
          <span class="event-meta">
            {event.end ? (
              <span class="duration">{formatSeconds(event.end.duration)}</span>
            ) : (
              <span class="ongoing">{t('timeline.ongoing')}</span>
            )}
            <span class="peak">{t('timeline.peak', { value: formatPercent(peak) })}</span>
          </span>
        </span>
      </button>
    </li>
  );
}
