import { signal } from '@preact/signals';
import type { EventRecord } from '../../shared/api';
import { t } from '../i18n';
import { formatDay } from '../i18n/format';
import { dayKey, groupByDay, msToMidnight, yesterdayKey } from '../state/day-groups';
import { EventItem } from './EventItem';

/** Now, refreshed at each local midnight so "Today" and "Yesterday" move on while the page stays open. */
const now = signal(Date.now());
function tickAtMidnight(): void {
  // A second past midnight: a timer that fires a hair early must not land on the old day.
  setTimeout(() => {
    now.value = Date.now();
    tickAtMidnight();
  }, msToMidnight(Date.now()) + 1000);
}
tickAtMidnight();

/** The timeline's events under one heading per local day: "Today", "Yesterday", then dates. */
export function DayGroupedEvents({ events }: { events: EventRecord[] }) {
  const today = dayKey(now.value);
  const yesterday = yesterdayKey(now.value);
  return (
    <>
      {groupByDay(events).map((group) => (
        <li key={group.key} class="day-group" data-day={group.key}>
          <h3 class="day-heading">
            {group.key === today
              ? t('history.today')
              : group.key === yesterday
                ? t('history.yesterday')
                : formatDay(group.start)}
          </h3>
          <ol class="day-events">
            {group.events.map((e) => (
              <EventItem key={e.id} event={e} />
            ))}
          </ol>
        </li>
      ))}
    </>
  );
}
