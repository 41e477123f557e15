import type { ArmingWindow } from '../../shared/integrations';
import { t } from '../i18n';
import type { ScheduleList as ListName } from '../i18n/schedule-reason';
import { ScheduleWindow } from './ScheduleWindow';

/** Props of `ScheduleList`. */
interface ScheduleListProps {
  list: ListName;
  windows: ArmingWindow[];
  /** Index of the window the server refused, if it is in this list. */
  invalid: number | null;
  onChange(windows: ArmingWindow[]): void;
}

/** What "Add window" starts from: every day, daytime; the homeowner narrows it. */
const newWindow: ArmingWindow = { days: [0, 1, 2, 3, 4, 5, 6], from: '08:00', to: '18:00' };

/** One list of the schedule ("Detection on" or "Notify only during"): its windows, or what an empty list means. */
export function ScheduleList({ list, windows, invalid, onChange }: ScheduleListProps) {
  const id = `schedule-${list}`;
  return (
    <section class="schedule-list" aria-labelledby={`${id}-title`} data-list={list}>
      <h4 id={`${id}-title`}>{t(`schedule.${list}Title`)}</h4>
      <p class="help">{t(`schedule.${list}Help`)}</p>
      {windows.length === 0 ? (
        <p class="schedule-empty">{t(`schedule.${list}Empty`)}</p>
      ) : (
        <ul class="schedule-windows">
          {windows.map((window, index) => (
            <ScheduleWindow
              // Windows have no identity but their place; a removal re-renders those after it.
              key={index}
              window={window}
              index={index}
              invalid={invalid === index}
              onChange={(changed) => onChange(windows.map((w, i) => (i === index ? changed : w)))}
              onRemove={() => onChange(windows.filter((_, i) => i !== index))}
            />
          ))}
        </ul>
      )}
      <button type="button" class="button" onClick={() => onChange([...windows, { ...newWindow }])}>
        {t('schedule.add')}
      </button>
    </section>
  );
}
