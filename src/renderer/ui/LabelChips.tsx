import type { LabelScore } from '../../shared/events';
import { t } from '../i18n';
import { formatPercent } from '../i18n/format';

/** An event's object labels, best first, as small chips (the score in the tooltip). None: nothing drawn. */
export function LabelChips({ labels }: { labels: LabelScore[] }) {
  if (labels.length === 0) return null;
  return (
    <span class="label-chips">
      {labels.map(({ label, score }) => (
        <span key={label} class="label-chip" title={formatPercent(score * 100)}>
          {t(`label.${label}`)}
        </span>
      ))}
    </span>
  );
}
