import { language, setLanguage, t } from '../i18n';
import { kiosk } from '../kiosk';
import { connection, settingsOpen } from '../state/live';
import { AccessButton } from './AccessButton';
import { ArmButton } from './ArmButton';
import { healthOpen } from './HealthDialog';
import { GearIcon, GlobeIcon, PhoneIcon, PulseIcon } from './icons';
import { shareOpen } from './ShareDialog';

/** Title, the stream's connection state, and the controls people reach for: language, health, settings. */
export function Header() {
  const other = language.value === 'ko' ? 'en' : 'ko';
  return (
    <header class="header">
      <h1 class="title">{t('app.title')}</h1>
      <span class={`connection connection-${connection.value}`} role="status">
        <span class="dot" aria-hidden="true" />
        <span class="connection-word">{t(`connection.${connection.value}`)}</span>
      </span>
      <ArmButton />
      <span class="spacer" />
      {kiosk?.isKiosk && (
        <button
          type="button"
          class="button ghost"
          aria-haspopup="dialog"
          onClick={() => {
            shareOpen.value = true;
          }}
        >
          <PhoneIcon />
          <span class="label-wide">{t('share.open')}</span>
        </button>
      )}
      <button
        type="button"
        class="button ghost"
        lang={other}
        onClick={() => void setLanguage(other)}
        aria-label={`${t('settings.language')}: ${t(`language.${other}`)}`}
      >
        <GlobeIcon />
        <span class="label-wide label-roomy">{t(`language.${other}`)}</span>
      </button>
      <button
        type="button"
        class="button ghost"
        aria-haspopup="dialog"
        onClick={() => {
          healthOpen.value = true;
        }}
      >
        <PulseIcon />
        <span class="label-wide label-roomy">{t('health.open')}</span>
      </button>
      <AccessButton />
      <button
        type="button"
        class="button ghost"
        aria-haspopup="dialog"
        aria-expanded={settingsOpen.value}
        onClick={() => {
          settingsOpen.value = !settingsOpen.value;
        }}
      >
        <GearIcon />
        <span class="label-wide">{t('settings.open')}</span>
      </button>
    </header>
  );
}
