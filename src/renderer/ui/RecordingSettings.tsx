import { useEffect, useState } from 'preact/hooks';
import type { StorageState } from '../../shared/recording';
import { t } from '../i18n';
import { formatNumber, formatTime } from '../i18n/format';
import { fetchState, saveSettings } from '../net/api';
import { settings } from '../state/live';
import { NumberField } from './NumberField';

/** The settings sheet's "Recording" section: clips on/off, pre/post-roll, retention, and disk use now. */
export function RecordingSettings() {
  const on = settings.value?.recordClips ?? true;
  const [storage, setStorage] = useState<StorageState | null>(null);
  useEffect(() => {
    void fetchState().then((state) => setStorage(state.recordings ?? null));
  }, []);
  const toggle = async () => {
    const result = await saveSettings({ recordClips: !on });
    if (result.ok) settings.value = result.settings;
  };
  return (
    <section aria-labelledby="settings-recording">
      <h3 id="settings-recording">{t('recordingSettings.title')}</h3>
      <div class="field-row">
        <span class="grow">
          {t('recordingSettings.recordClips')}
          <small class="help">{t('recordingSettings.recordClipsHelp')}</small>
        </span>
        <button
          type="button"
          class={`button${on ? ' primary' : ''}`}
          aria-pressed={on}
          onClick={() => void toggle()}
        >
          {on ? t('recordingSettings.on') : t('recordingSettings.off')}
        </button>
      </div>
      <NumberField section="recordingSettings" name="preRoll" unit="settings.seconds" />
      <NumberField section="recordingSettings" name="postRoll" unit="settings.seconds" />
      <NumberField section="recordingSettings" name="maxClipSeconds" unit="settings.seconds" step={10} />
      <NumberField section="recordingSettings" name="clipDays" unit="recordingSettings.days" />
      <NumberField section="recordingSettings" name="clipCount" unit="recordingSettings.clips" step={100} />
      <NumberField section="recordingSettings" name="clipGigabytes" unit="recordingSettings.gigabytes" />
      <NumberField
        section="recordingSettings"
        name="diskReserveMegabytes"
        unit="recordingSettings.megabytes"
        step={256}
      />
      {storage && <StorageLine storage={storage} />}
    </section>
  );
}

function bytes(n: number): string {
  return n >= 1024 ** 3 ? `${formatNumber(n / 1024 ** 3)} GB` : `${formatNumber(n / 1024 ** 2)} MB`;
}

function StorageLine({ storage }: { storage: StorageState }) {
  return (
    <div class="storage-state">
      <p class="help">
        {t('recordingSettings.storage', {
          used: bytes(storage.usedBytes),
          clips: formatNumber(storage.clips),
          free: bytes(storage.freeBytes),
          total: bytes(storage.totalBytes),
          reserve: bytes(storage.reserveBytes),
        })}
      </p>
      {storage.oldest !== null && (
        <p class="help">{t('recordingSettings.oldest', { time: formatTime(storage.oldest) })}</p>
      )}
      {storage.problem && (
        <p class="field-status" role="alert">
          {t('recordingSettings.problem', { reason: storage.problem })}
        </p>
      )}
    </div>
  );
}
