import { t } from '../i18n';
import { liveShown, toggleLive } from '../state/layout';
import { ChevronIcon } from './icons';

/** Folds the live picture away on a phone (inside the picture) or brings it back (in its place). */
export function FoldButton() {
  const shown = liveShown.value;
  return (
    <button
      type="button"
      class={`button fold${shown ? ' on-picture' : ''}`}
      aria-expanded={shown}
      onClick={toggleLive}
    >
      <ChevronIcon />
      {t(shown ? 'layout.hideLive' : 'layout.showLive')}
    </button>
  );
}
