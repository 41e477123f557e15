import { useEffect, useRef } from 'preact/hooks';
import { language, languages, setLanguage, t } from '../i18n';
import { kiosk } from '../kiosk';
import { settings, settingsOpen } from '../state/live';
import { startMaskEditing } from '../state/mask-draft';
import { disableNotifications, enableNotifications, notifyState } from '../state/notifications';
import { integrationsOpen } from './IntegrationsPanel';
import { NumberField } from './NumberField';
import { RecordingSettings } from './RecordingSettings';
import { SheetHead } from './SheetHead';

/**
 * The settings sheet: detection values (saved live), masks, language and notifications. It is not
 * modal: docked beside (landscape) or under (portrait) the picture and the graph, which stay in view,
 * so the effect of each value can be watched while tuning. Esc closes it and focus goes back to
 * where it was, unless the sheet handed it on (to the mask editor).
 */
export function SettingsSheet() {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = settingsOpen.value;

  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) {
      opener.current = document.activeElement as HTMLElement | null;
      el.show();
      el.querySelector<HTMLElement>('.sheet-head button')?.focus();
      // On a phone the picture and graph are at the top of the page: bring them into view.
      scrollTo({ top: 0 });
    }
    if (!open && el?.open) el.close();
  }, [open]);

  const masks = settings.value?.masks.length ?? 0;
  return (
    <dialog
      ref={dialog}
      class="sheet"
      aria-labelledby="settings-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') dialog.current?.close();
      }}
      onClose={() => {
        settingsOpen.value = false;
        // Focus goes back only if it was in the sheet: "Edit masks" hands it to the mask editor.
        const active = document.activeElement;
        if (!active || active === document.body || dialog.current?.contains(active)) opener.current?.focus();
      }}
    >
      <SheetHead
        id={'settings-title'}
        title={t('settings.title')}
        closeLabel={t('settings.close')}
        onClose={() => dialog.current?.close()}
      />
      {open && (
        <div class="sheet-body">
          <section aria-labelledby="settings-detection">
            <h3 id="settings-detection">{t('settings.detection')}</h3>
            <p class="help">{t('settings.preview')}</p>
            <NumberField name="noiseLevel" />
            <NumberField name="threshold" unit="settings.percent" step={0.5} />
            <NumberField name="minimumMotionFrames" unit="settings.frames" />
            <NumberField name="lightswitchPercent" unit="settings.percent" step={5} />
            <NumberField name="eventGap" unit="settings.seconds" />
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
          <section aria-labelledby="settings-integrations">
            <h3 id="settings-integrations">{t('integrations.title')}</h3>
            <div class="field-row">
              <span class="grow help">{t('integrations.settingsHelp')}</span>
              <button
                type="button"
                class="button"
                aria-haspopup="dialog"
                onClick={() => {
                  integrationsOpen.value = true;
                }}
              >
                {t('integrations.open')}
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
