import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import {
  addRectangle,
  deleteSelected,
  drawing,
  finishShape,
  maskError,
  maskSaving,
  saveMasks,
  selectedMask,
  stopMaskEditing,
  undoCorner,
} from '../state/mask-draft';

/**
 * The mask editor's buttons, in place of the motion graph while editing. It takes focus when it
 * opens, so a keyboard or screen-reader user lands in the editor, not back on the Settings button.
 */
export function MaskToolbar() {
  const corners = drawing.value.length;
  const section = useRef<HTMLElement>(null);
  useEffect(() => section.current?.focus(), []);
  return (
    <section ref={section} class="mask-toolbar" aria-label={t('mask.title')} tabIndex={-1}>
      <p class="hint">
        {maskError.value ? t('settings.refused', { reason: maskError.value }) : t('mask.help')}
      </p>
      <div class="toolbar-row">
        <button type="button" class="button" disabled={corners < 3} onClick={finishShape}>
          {t('mask.finish')}
        </button>
        <button type="button" class="button" disabled={corners === 0} onClick={undoCorner}>
          {t('mask.undo')}
        </button>
        <button type="button" class="button" onClick={addRectangle}>
          {t('mask.addRect')}
        </button>
        <button
          type="button"
          class="button danger"
          disabled={selectedMask.value === null}
          onClick={deleteSelected}
        >
          {t('mask.delete')}
        </button>
        <span class="spacer" />
        <button type="button" class="button ghost" onClick={stopMaskEditing}>
          {t('mask.cancel')}
        </button>
        <button
          type="button"
          class="button primary"
          disabled={maskSaving.value}
          onClick={() => void saveMasks()}
        >
          {maskSaving.value ? t('settings.saving') : t('mask.save')}
        </button>
      </div>
    </section>
  );
}
