import { language, setLanguage, t } from '../i18n';
import { connection, settingsOpen } from '../state/live';
import { AccessButton } from './AccessButton';
import { GearIcon, GlobeIcon } from './icons';

/** Title, the stream's connection state, and the two controls people reach for: language and settings. */
export function Header() {
  const other = language.value === 'ko' ? 'en' : 'ko';
  return (
    <header class="header">
      <h1 class="title">{t('app.title')}</h1>
      <span class={`connection connection-${connection.value}`} role="status">
        <span class="dot" aria-hidden="true" />
        {t(`connection.${connection.value}`)}
      </span>
      <span class="spacer" />
      <button
        type="button"
        class="button ghost"
        lang={other}
        onClick={() => void setLanguage(other)}
        aria-label={`${t('settings.language')}: ${t(`language.${other}`)}`}
      >
        <GlobeIcon />
        <span>{t(`language.${other}`)}</span>
      </button>
      <AccessButton />
      <button
        type="button"
        class="button ghost"
        aria-haspopup="dialog"
        aria-expanded={settingsOpen.value}
        onClick={() => {
          settingsOpen.value = true;
        }}
      >
        <GearIcon />
        <span class="label-wide">{t('settings.open')}</span>
      </button>
    </header>
  );
}
