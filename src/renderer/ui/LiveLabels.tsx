import { t } from '../i18n';
import { formatPercent } from '../i18n/format';
import { motionBox } from '../state/live';
import { liveLabels } from '../state/live-labels';

/**
 * What the label model found in the running event ("person 72%"), beside the live motion box: the box
 * follows the subject, while a label's own box is where it stood when its picture was taken. Without
 * a motion box (the subject paused), the tag stays where the object was found.
 */
export function LiveLabels() {
  const live = liveLabels.value;
  if (!live) return null;
  const box = motionBox.value ?? live.labels[0].box;
  const text = live.labels
    .map((l) =>
      t('objectLabel.scored', {
        label: t(`label.${l.label}`),
        score: formatPercent(Math.round(l.score * 100)),
      }),
    )
    .join(' · ');
  // Above the box when there is room; under it when "Motion" (top right) is in the way or there is no
  // room above; just inside its top when neither fits. From its right edge when it is far right.
  const fromRight = box.x + box.w / 2 > 0.6;
  const bottom = box.y + box.h;
  const above = box.y > 0.08 && !(fromRight && box.y < 0.25);
  const below = !above && bottom < 0.9;
  const style = {
    top: `${((below ? bottom : box.y) * 100).toFixed(2)}%`,
    ...(fromRight
      ? { right: `${((1 - box.x - box.w) * 100).toFixed(2)}%` }
      : { left: `${(box.x * 100).toFixed(2)}%` }),
  };
  return (
    <span class={`box-label${above ? ' above' : ''}`} style={style} data-motion-id={live.motionId}>
      {text}
    </span>
  );
}
