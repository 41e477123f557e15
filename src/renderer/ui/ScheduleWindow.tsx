import type { ArmingWindow } from '../../shared/integrations';
import { t } from '../i18n';
import { weekdayName, weekOrder } from '../i18n/weekdays';

/** Props of `ScheduleWindow`. */
interface ScheduleWindowProps {
  window: ArmingWindow;
  /** Position in its list, from 0; shown from 1. */
  index: number;
  /** The server refused this window: marked and described by the section's message. */
  invalid: boolean;
  onChange(window: ArmingWindow): void;
  onRemove(): void;
}

/** One weekly window: seven day toggles in the locale's week order, from and to times, and a remove button. */
export function ScheduleWindow({ window, index, invalid, onChange, onRemove }: ScheduleWindowProps) {
  const toggle = (day: number) => {
    const days = window.days.includes(day) ? window.days.filter((d) => d !== day) : [...window.days, day];
    onChange({ ...window, days: days.sort((a, b) => a - b) });
  };
  const note =
    window.from === window.to
      ? t('schedule.wholeDay')
      : window.to < window.from && window.to !== ''
        ? t('schedule.overnight')
        : '';
  return (
    <li data-window={index}>
      <fieldset class={`schedule-window${invalid ? ' invalid' : ''}`}>
        <legend class="sr-only">{t('schedule.window', { n: index + 1 })}</legend>
        <div class="field-row">
          <strong class="grow" aria-hidden="true">
            {t('schedule.window', { n: index + 1 })}
          </strong>
          <button
            type="button"
            class="button"
            aria-label={t('schedule.removeLabel', { n: index + 1 })}
            onClick={onRemove}
          >
            {t('integrations.remove')}
          </button>
        </div>
        <fieldset class="schedule-days">
          <legend class="sr-only">{t('schedule.days')}</legend>
          {weekOrder().map((day) => (
            <button
              key={day}
              type="button"
              class="button day"
              aria-pressed={window.days.includes(day)}
              aria-label={weekdayName(day, 'long')}
              onClick={() => toggle(day)}
            >
              {weekdayName(day, 'short')}
            </button>
          ))}
        </fieldset>
        <div class="schedule-times">
          <label class="schedule-time">
            {t('schedule.from')}
            <input
              type="time"
              value={window.from}
              onInput={(e) => onChange({ ...window, from: e.currentTarget.value })}
            />
          </label>
          <label class="schedule-time">
            {t('schedule.to')}
            <input
              type="time"
              value={window.to}
              onInput={(e) => onChange({ ...window, to: e.currentTarget.value })}
            />
          </label>
        </div>
        {note && <p class="help">{note}</p>}
      </fieldset>
    </li>
  );
}
