import { signal } from '@preact/signals';
import type { EventRecord } from '../../shared/api';
import { t } from '../i18n';
import { formatDay } from '../i18n/format';
import { dayKey, groupByDay, msToMidnight, yesterdayKey } from '../state/day-groups';
import type { Outage } from '../state/outages';
import { EventItem } from './EventItem';
import { OutageItem } from './OutageItem';

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

/**
 * The timeline's events under one heading per local day: "Today", "Yesterday", then dates. An outage sits
 * where it happened among the events of the day it ended on.
 */
export function DayGroupedEvents({ events, outages }: { events: EventRecord[]; outages: Outage[] }) {
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
            {withOutages(
              group.events,
              outages.filter((o) => dayKey(o.to * 1000) === group.key),
            ).map((item) =>
              'serverDown' in item ? (
                <OutageItem key={`outage-${item.from}`} outage={item} />
              ) : (
                <EventItem key={item.id} event={item} />
              ),
            )}
          </ol>
        </li>
      ))}
    </>
  );
}

/** Events and outages in one list, newest first: an outage sits where it happened between events. */
function withOutages(list: EventRecord[], gaps: Outage[]): (EventRecord | Outage)[] {
  if (gaps.length === 0) return list;
  const oldest = list.at(-1)?.ts ?? 0;
  const shown = gaps.filter((g) => g.to >= oldest);
  return [...list, ...shown].sort(
    (a, b) => ('serverDown' in b ? b.to : b.ts) - ('serverDown' in a ? a.to : a.ts),
  );
}
