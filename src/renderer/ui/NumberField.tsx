import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import type { SettingsPatch } from '../../shared/settings';
import { type MessageKey, t } from '../i18n';
import { translateReason } from '../i18n/reason';
import { saveSettings } from '../net/api';
import { previewThreshold, settings } from '../state/live';

/** Settings edited as one number each. */
export type NumberSetting =
  | 'threshold'
  | 'noiseLevel'
  | 'minimumMotionFrames'
  | 'eventGap'
  | 'lightswitchPercent'
  | 'preRoll'
  | 'postRoll'
  | 'maxClipSeconds'
  | 'clipDays'
  | 'clipCount'
  | 'clipGigabytes'
  | 'diskReserveMegabytes';

/** Props of `NumberField`. */
interface NumberFieldProps {
  name: NumberSetting;
  /** Unit shown after the input; none when omitted. */
  unit?: MessageKey;
  /** Step of the − and + buttons. Default 1. */
  step?: number;
  /** Dictionary section holding `<name>` and `<name>Help`. Default `settings`. */
  section?: 'settings' | 'recordingSettings';
}

/** Wait after the last − / + press before saving, in ms, so a burst of presses is one request. */
const stepSaveDelayMs = 400;
/** How long "Saved" stays under a field, in ms. */
const savedShownMs = 4000;

/**
 * One setting: label, help, a number input flanked by big − / + buttons, and the server's verdict.
 * The value saves on its own (Enter, leaving the field, or a pause after − / +); the server is the
 * judge of validity and its reason is shown beside the field. While the field is being edited or
 * shows a refusal, changes from other dashboards do not overwrite it.
 */
export function NumberField({ name, unit, step = 1, section = 'settings' }: NumberFieldProps) {
  const server = settings.value?.[name];
  const [draft, setDraft] = useState(server === undefined ? '' : String(server));
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const savedTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    if (!editing && error === null && server !== undefined) setDraft(String(server));
  }, [server, editing, error]);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      clearTimeout(savedTimer.current);
      if (name === 'threshold') previewThreshold.value = null;
    },
    [name],
  );
  // The graph draws the threshold being typed, before it is saved: tuning by eye.
  const showDraft = (text: string) => {
    setDraft(text);
    setSaved(false);
    const value = Number(text.replace(',', '.'));
    if (name === 'threshold')
      previewThreshold.value = text.trim() !== '' && Number.isFinite(value) ? value : null;
  };

  const save = async (text: string) => {
    clearTimeout(timer.current);
    const number = Number(text.trim().replace(',', '.'));
    // Not a number: send the text as typed, so the reason shown is the server's own.
    const value = text.trim() !== '' && Number.isFinite(number) ? number : text;
    setSaving(true);
    setSaved(false);
    const result = await saveSettings({ [name]: value } as SettingsPatch);
    setSaving(false);
    if (result.ok) {
      setError(null);
      settings.value = result.settings;
      setDraft(String(result.settings[name]));
      if (name === 'threshold') previewThreshold.value = null;
      setSaved(true);
      clearTimeout(savedTimer.current);
      savedTimer.current = setTimeout(() => setSaved(false), savedShownMs);
    } else {
      setError(result.error);
    }
  };
  const nudge = (direction: 1 | -1) => {
    const current = Number(draft);
    const base = Number.isFinite(current) ? current : (server ?? 0);
    const next = String(Math.round((base + direction * step) * 1000) / 1000);
    showDraft(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(next), stepSaveDelayMs);
  };

  const id = `setting-${name}`;
  const label = t(`${section}.${name}` as MessageKey);
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      <p class="help" id={`${id}-help`}>
        {t(`${section}.${name}Help` as MessageKey, { fps: settings.value?.frameRate ?? '' })}
      </p>
      <div class="field-row">
        <button
          type="button"
          class="button stepper"
          aria-label={t('settings.decrease', { label })}
          onClick={() => nudge(-1)}
        >
          −
        </button>
        <input
          id={id}
          name={name}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft}
          aria-invalid={error !== null}
          aria-describedby={`${id}-help ${id}-status`}
          onFocus={() => setEditing(true)}
          onInput={(e) => showDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save(e.currentTarget.value);
          }}
          onBlur={(e) => {
            setEditing(false);
            if (e.currentTarget.value !== String(server)) void save(e.currentTarget.value);
          }}
        />
        <button
          type="button"
          class="button stepper"
          aria-label={t('settings.increase', { label })}
          onClick={() => nudge(1)}
        >
          +
        </button>
        {unit && <span class="unit">{t(unit)}</span>}
      </div>
      <p class={`field-status${saved ? ' saved' : ''}`} id={`${id}-status`} role={error ? 'alert' : 'status'}>
        {error
          ? t('settings.refused', { reason: translateReason(error) })
          : saving
            ? t('settings.saving')
            : saved
              ? t('settings.saved')
              : ''}
      </p>
    </div>
  );
}
