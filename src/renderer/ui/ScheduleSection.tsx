import { useEffect, useState } from 'preact/hooks';
import type { ArmingStatus } from '../../shared/events';
import type { ArmingSchedule, ArmingView } from '../../shared/integrations';
import { t } from '../i18n';
import { type ScheduleRefusal, scheduleRefusal } from '../i18n/schedule-reason';
import { formatWeekClock } from '../i18n/weekdays';
import { fetchArmingView, saveArmingSchedule } from '../net/integrations-api';
import { arming } from '../state/arming';
import { ScheduleList } from './ScheduleList';

type Status =
  | { kind: 'idle' | 'unsaved' | 'saving' | 'saved' }
  | { kind: 'refused'; refusal: ScheduleRefusal }
  | { kind: 'loadFailed'; reason: string };

/** "Detection is on until Mon 07:00", from the live state (the stream's `arming` message). */
function detectionText(state: ArmingStatus): string {
  if (!state.armed) return t('schedule.stateDisarmed');
  const time = state.until ? formatWeekClock(state.until) : null;
  if (state.detecting) return time ? t('schedule.stateOnUntil', { time }) : t('schedule.stateOn');
  return time ? t('schedule.stateOffUntil', { time }) : t('schedule.stateOff');
}

/** The save's outcome beside the button: "Saved", "Saving…", unsaved changes, or the translated refusal. */
function statusLine(status: Status) {
  if (status.kind === 'refused')
    return (
      <p key="refused" class="schedule-status integration-error" role="alert">
        {status.refusal.text}
      </p>
    );
  const text = status.kind === 'idle' || status.kind === 'loadFailed' ? '' : t(`schedule.${status.kind}`);
  return (
    <p
      key="status"
      class={`schedule-status ${status.kind === 'saved' ? 'integration-ok' : 'help'}`}
      role="status"
    >
      {text}
    </p>
  );
}

/**
 * The arming schedule (admins): when detection runs and when people are told, as weekly windows, saved together.
 * The state line follows the live `arming` message, so it shows what the server does now, saved or not.
 */
export function ScheduleSection() {
  const [draft, setDraft] = useState<ArmingSchedule | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => {
    void fetchArmingView().then((result) => {
      if (result.ok) setDraft(result.value.schedule);
      else setStatus({ kind: 'loadFailed', reason: result.error });
    });
  }, []);
  const live = arming.value;
  const edit = (schedule: ArmingSchedule) => {
    setDraft(schedule);
    setStatus({ kind: 'unsaved' });
  };
  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft) return;
    setStatus({ kind: 'saving' });
    const result = await saveArmingSchedule(draft);
    if (result.ok) {
      const { schedule, ...state }: ArmingView = result.value;
      setDraft(schedule);
      arming.value = state;
      setStatus({ kind: 'saved' });
    } else setStatus({ kind: 'refused', refusal: scheduleRefusal(result.error, result.detail) });
  };
  const refused = status.kind === 'refused' ? status.refusal : null;
  const invalidIn = (list: 'detection' | 'notifications') =>
    refused?.list === list && refused.index !== undefined ? refused.index : null;
  return (
    <section aria-labelledby="schedule-title" class="integration schedule">
      <h3 id="schedule-title">{t('schedule.title')}</h3>
      <p class="help">{t('schedule.help')}</p>
      {live && (
        <div class="schedule-state" role="status">
          <p data-testid="schedule-detection" class={live.detecting ? 'on' : 'off'}>
            <span class="dot" aria-hidden="true" />
            {detectionText(live)}
          </p>
          <p>{live.notifying ? t('schedule.notifyOn') : t('schedule.notifyQuiet')}</p>
        </div>
      )}
      {draft && (
        <form class="integration-form schedule-form" onSubmit={(e) => void save(e)}>
          <ScheduleList
            list="detection"
            windows={draft.detection}
            invalid={invalidIn('detection')}
            onChange={(detection) => edit({ ...draft, detection })}
          />
          <ScheduleList
            list="notifications"
            windows={draft.notifications}
            invalid={invalidIn('notifications')}
            onChange={(notifications) => edit({ ...draft, notifications })}
          />
          <div class="field-row wrap">
            <button type="submit" class="button primary" disabled={status.kind === 'saving'}>
              {t('schedule.save')}
            </button>
            {statusLine(status)}
          </div>
        </form>
      )}
      {status.kind === 'loadFailed' && (
        <p class="integration-error" role="alert">
          {t('schedule.loadFailed', { reason: status.reason })}
        </p>
      )}
    </section>
  );
}
