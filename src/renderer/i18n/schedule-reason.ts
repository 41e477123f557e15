import type { ApiError } from '../../shared/api';
import { formatNumber } from './format';
import { t } from './index';
import { translateReason } from './reason';

/** The two lists of the schedule. */
export type ScheduleList = 'detection' | 'notifications';

/** A refused schedule in the UI's language, and the window it is about when the server named one. */
export interface ScheduleRefusal {
  text: string;
  list?: ScheduleList;
  /** Index of the refused window in its list. */
  index?: number;
}

const windowField = /^schedule\.(detection|notifications)(?:\.(\d+)(?:\.(days|from|to))?)?/;

/**
 * `PUT /api/arming` refused the schedule: its field (`schedule.detection.1.days`), code and limit say what, in
 * words of this schedule ("pick at least one day") rather than the settings' generic ones.
 */
export function scheduleRefusal(error: string, detail?: ApiError): ScheduleRefusal {
  const match = detail?.field ? windowField.exec(detail.field) : null;
  if (!detail || !match)
    return { text: t('schedule.refused', { reason: detail ? translateReason(detail) : error }) };
  const list = match[1] as ScheduleList;
  const limit = detail.limit === undefined ? '' : formatNumber(detail.limit);
  if (match[2] === undefined) {
    const reason = detail.code === 'too_big' ? t('schedule.tooMany', { limit }) : translateReason(detail);
    return { text: t('schedule.refused', { reason }), list };
  }
  const index = Number(match[2]);
  const part = match[3];
  const reason =
    part === 'days' && detail.code === 'too_small'
      ? t('schedule.needDay')
      : part === 'from' || part === 'to'
        ? t('schedule.needTime')
        : translateReason(detail);
  const listName = t(list === 'detection' ? 'schedule.detectionTitle' : 'schedule.notificationsTitle');
  return { text: t('schedule.refusedAt', { list: listName, n: index + 1, reason }), list, index };
}
