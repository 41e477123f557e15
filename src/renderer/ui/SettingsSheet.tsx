import { useEffect, useRef } from 'preact/hooks';
import { language, languages, setLanguage, t } from '../i18n';
import { kiosk } from '../kiosk';
import { settings, settingsOpen } from '../state/live';
import { startMaskEditing } from '../state/mask-draft';
import { disableNotifications, enableNotifications, notifyState } from '../state/notifications';
import { CloseIcon } from './icons';
import { NumberField } from './NumberField';
import { RecordingSettings } from './RecordingSettings';

/** The settings sheet: detection values (saved live), masks, language and notifications. */
export function SettingsSheet() {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = settingsOpen.value;

  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) el.showModal();
    if (!open && el?.open) el.close();
  }, [open]);

  const masks = settings.value?.masks.length ?? 0;
  return (
    <dialog
      ref={dialog}
      class="sheet"
      aria-labelledby="settings-title"
      onClose={() => {
        settingsOpen.value = false;
      }}
    >
      <div class="sheet-head">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <button
          type="button"
          class="button icon-only ghost"
          onClick={() => dialog.current?.close()}
          aria-label={t('settings.close')}
        >
          <CloseIcon />
        </button>
      </div>
      {open && (
        <div class="sheet-body">
          <section aria-labelledby="settings-detection">
            <h3 id="settings-detection">{t('settings.detection')}</h3>
            <NumberField name="threshold" unit="settings.percent" step={0.5} />
            <NumberField name="noiseLevel" />
            <NumberField name="minimumMotionFrames" unit="settings.frames" />
            <NumberField name="eventGap" unit="settings.seconds" />
            <NumberField name="lightswitchPercent" unit="settings.percent" step={5} />
          </section>
          <RecordingSettings />
          <section aria-labelledby="settings-masks">
            <h3 id="settings-masks">{t('settings.masks')}</h3>
            <div class="field-row">
              <span class="grow">{t('settings.maskCount', { count: masks })}</span>
              <button type="button" class="button" onClick={startMaskEditing}>
                {t('settings.editMasks')}
              </button>
            </div>
          </section>
          <section aria-labelledby="settings-display">
            <h3 id="settings-display">{t('settings.display')}</h3>
            <div class="field-row">
              <span class="grow">{t('settings.language')}</span>
              {languages.map((lng) => (
                <button
                  key={lng}
                  type="button"
                  lang={lng}
                  class={`button${language.value === lng ? ' primary' : ''}`}
                  aria-pressed={language.value === lng}
                  onClick={() => void setLanguage(lng)}
                >
                  {t(`language.${lng}`)}
                </button>
              ))}
            </div>
            {!kiosk?.isKiosk && <NotificationSetting />}
          </section>
          {kiosk && <p class="version">{t('settings.version', { version: kiosk.version })}</p>}
        </div>
      )}
    </dialog>
  );
}

function NotificationSetting() {
  const state = notifyState.value;
  return (
    <div class="field-row">
      <span class="grow">
        {t('settings.notifications')}
        <small class="help">
          {state === 'unsupported'
            ? t('settings.notifyUnsupported')
            : state === 'denied'
              ? t('settings.notifyDenied')
              : state === 'on'
                ? t('settings.notifyActive')
                : ''}
        </small>
      </span>
      {state === 'off' && (
        <button type="button" class="button" onClick={() => void enableNotifications()}>
          {t('settings.notifyOn')}
        </button>
      )}
      {state === 'on' && (
        <button type="button" class="button" onClick={disableNotifications}>
          {t('settings.notifyOff')}
        </button>
      )}
    </div>
  );
}
