import { type ObjectLabel, objectLabels } from '../../shared/labels';
import { t } from '../i18n';
import { changeHistory } from '../net/api';
import { dayKey } from '../state/day-groups';
import {
  type HistoryFilter,
  historyFilter,
  newestKnownId,
  pickedDay,
  unreviewedCount,
} from '../state/history';
import { reloadHistory } from '../state/timeline';

/** Lengths offered by the duration chip, in seconds. */
const lengths = [5, 10, 30, 60];

function setFilter(patch: Partial<HistoryFilter>): void {
  historyFilter.value = { ...historyFilter.value, ...patch };
  reloadHistory();
}

/**
 * The chips over the history: with a clip, longer than N s, one object label, not reviewed; the day to jump to;
 * "Mark all reviewed". One row that scrolls sideways, so the list keeps its height on the 480-pixel kiosk.
 */
export function HistoryFilters() {
  const f = historyFilter.value;
  const today = dayKey(Date.now());
  return (
    <fieldset class="history-filters" aria-label={t('historyView.filters')}>
      <button
        type="button"
        class={`chip${f.unreviewed ? ' on' : ''}`}
        aria-pressed={f.unreviewed}
        onClick={() => setFilter({ unreviewed: !f.unreviewed })}
      >
        {t('historyView.unreviewed')}
      </button>
      <button
        type="button"
        class={`chip${f.hasClip ? ' on' : ''}`}
        aria-pressed={f.hasClip}
        onClick={() => setFilter({ hasClip: !f.hasClip })}
      >
        {t('historyView.hasClip')}
      </button>
      <select
        class={`chip${f.label ? ' on' : ''}`}
        aria-label={t('historyView.anyLabel')}
        value={f.label ?? ''}
        onChange={(e) => setFilter({ label: (e.currentTarget.value || null) as ObjectLabel | null })}
      >
        <option value="">{t('historyView.anyLabel')}</option>
        {objectLabels.map((label) => (
          <option key={label} value={label}>
            {t(`label.${label}`)}
          </option>
        ))}
      </select>
      <select
        class={`chip${f.minDuration > 0 ? ' on' : ''}`}
        aria-label={t('historyView.anyLength')}
        value={String(f.minDuration)}
        onChange={(e) => setFilter({ minDuration: Number(e.currentTarget.value) })}
      >
        <option value="0">{t('historyView.anyLength')}</option>
        {lengths.map((s) => (
          <option key={s} value={String(s)}>
            {t('historyView.longer', { seconds: s })}
          </option>
        ))}
      </select>
      <input
        type="date"
        class={`chip day-picker${pickedDay.value ? ' on' : ''}`}
        aria-label={t('historyView.day')}
        max={today}
        value={pickedDay.value ?? ''}
        onChange={(e) => {
          const day = e.currentTarget.value;
          pickedDay.value = day && day < today ? day : null;
          reloadHistory();
        }}
      />
      {unreviewedCount.value > 0 && (
        <button
          type="button"
          class="chip"
          onClick={() =>
            void changeHistory('POST', 'api/events/reviewed', { throughId: newestKnownId.value })
          }
        >
          {t('historyView.markAll')}
        </button>
      )}
    </fieldset>
  );
}
