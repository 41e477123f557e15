import { t } from '../i18n';
import { formatClock } from '../i18n/format';
import type { Outage } from '../state/outages';

/** A timeline row for a stretch without the server: says plainly what was and was not recorded. */
export function OutageItem({ outage }: { outage: Outage }) {
  const params = { from: formatClock(outage.from), to: formatClock(outage.to) };
  return (
    <li class="outage" data-outage>
      {t(outage.serverDown ? 'outage.serverOffline' : 'outage.connectionLost', params)}
    </li>
  );
}
