import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../shared/api';
import { t } from '../i18n';
import { translateReason } from '../i18n/reason';
import { saveSettings } from '../net/api';
import { cameraStatus, settings } from '../state/live';
import { startMaskEditing } from '../state/mask-draft';
import {
  endSetup,
  goToStep,
  setupCameras,
  setupEnding,
  setupError,
  setupStep,
  setupSteps,
} from '../state/setup';
import { NumberField } from './NumberField';
import { SheetHead } from './SheetHead';

/**
 * The first-run guide: the few choices a homeowner must make, one step at a time, in plain words.
 * It docks where the settings sheet does, so the live picture and the motion graph (with its
 * threshold line) stay in view while choosing. Every value saves on its own through the settings API;
 * each step can be skipped, and "Skip setup" ends the guide at once.
 */
export function SetupWizard() {
  const index = setupStep.value;
  const step = setupSteps[index];
  const last = index === setupSteps.length - 1;
  const heading = useRef<HTMLHeadingElement>(null);
  // Each new step is announced and reachable from the keyboard: focus goes to its heading.
  useEffect(() => heading.current?.focus(), [index]);
  const error = setupError.value;
  return (
    <dialog open class="sheet setup" aria-labelledby="setup-title" data-step={step}>
      <SheetHead
        id="setup-title"
        title={t('setup.title')}
        closeLabel={t('setup.skipAll')}
        onClose={() => void endSetup()}
      />
      <div class="sheet-body">
        <p class="help">{t('setup.stepOf', { step: index + 1, count: setupSteps.length })}</p>
        <section aria-labelledby="setup-step">
          <h3 id="setup-step" ref={heading} tabIndex={-1}>
            {t(`setup.${step}Title`)}
          </h3>
          {step === 'camera' && <CameraStep />}
          {step === 'masks' && <MasksStep />}
          {step === 'sensitivity' && <SensitivityStep />}
          {step === 'recording' && <RecordingStep />}
          {step === 'done' && <p>{t('setup.doneHelp')}</p>}
        </section>
        {error && (
          <p class="field-status setup-error" role="alert">
            {t('settings.refused', { reason: translateReason(error) })}
          </p>
        )}
        <div class="field-row setup-nav">
          {index > 0 && (
            <button type="button" class="button ghost" onClick={() => goToStep(index - 1)}>
              {t('setup.back')}
            </button>
          )}
          <span class="spacer" />
          {last ? (
            <button
              type="button"
              class="button primary"
              disabled={setupEnding.value}
              onClick={() => void endSetup()}
            >
              {setupEnding.value ? t('setup.finishing') : t('setup.finish')}
            </button>
          ) : (
            <>
              <button type="button" class="button ghost" onClick={() => goToStep(index + 1)}>
                {t('setup.skipStep')}
              </button>
              <button type="button" class="button primary" onClick={() => goToStep(index + 1)}>
                {t('setup.next')}
              </button>
            </>
          )}
        </div>
        {!last && (
          <button type="button" class="button ghost setup-skip" onClick={() => void endSetup()}>
            {t('setup.skipAll')}
          </button>
        )}
      </div>
    </dialog>
  );
}

function CameraStep() {
  const cameras = setupCameras.value;
  const first = cameraStatus.value ?? cameras[0];
  const shown = cameras.length > 1 ? cameras : first ? [first] : [];
  return (
    <>
      <p>{t('setup.cameraHelp')}</p>
      <ul class="setup-cameras">
        {shown.map((camera, i) => {
          const live = i === 0 && first ? first : camera;
          return (
            <li key={camera.camera}>
              {t('setup.cameraState', { name: camera.camera, state: t(`camera.${live.state}`) })}
              {live.state === 'offline' && live.message && <small class="help">{live.message}</small>}
            </li>
          );
        })}
      </ul>
      {cameras.length > 1 && <p class="help">{t('setup.cameraPick')}</p>}
      <p class="help">{t('setup.cameraOther')}</p>
    </>
  );
}

function MasksStep() {
  const count = settings.value?.masks.length ?? 0;
  return (
    <>
      <p>{t('setup.masksHelp')}</p>
      <div class="field-row">
        <span class="grow setup-mask-count">{t('setup.masksCount', { count })}</span>
        <button type="button" class="button" onClick={startMaskEditing}>
          {t('setup.masksDraw')}
        </button>
      </div>
    </>
  );
}

function SensitivityStep() {
  return (
    <>
      <p>{t('setup.sensitivityHelp')}</p>
      <NumberField name="threshold" unit="settings.percent" step={0.5} />
      <NumberField name="noiseLevel" />
    </>
  );
}

function RecordingStep() {
  const on = settings.value?.recordClips ?? true;
  const [error, setError] = useState<ApiError | null>(null);
  const toggle = async (next: boolean) => {
    const result = await saveSettings({ recordClips: next });
    setError(result.ok ? null : result.error);
    if (result.ok) settings.value = result.settings;
  };
  return (
    <>
      <p>{t('setup.recordingHelp')}</p>
      <div class="field-row">
        <span class="grow">{t('recordingSettings.recordClips')}</span>
        <button
          type="button"
          class={`button${on ? ' primary' : ''}`}
          aria-pressed={on}
          onClick={() => void toggle(!on)}
        >
          {on ? t('recordingSettings.on') : t('recordingSettings.off')}
        </button>
      </div>
      {error && (
        <p class="field-status" role="alert">
          {t('settings.refused', { reason: translateReason(error) })}
        </p>
      )}
      {on && <NumberField section="recordingSettings" name="clipDays" unit="recordingSettings.days" />}
    </>
  );
}
