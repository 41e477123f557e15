import { CloseIcon } from './icons';

/** Props of `SheetHead`. */
interface SheetHeadProps {
  /** Id of the heading, for the dialog's `aria-labelledby`. */
  id: string;
  title: string;
  closeLabel: string;
  onClose(): void;
}

/** The heading row of a sheet or dialog: its title and a close button. */
export function SheetHead({ id, title, closeLabel, onClose }: SheetHeadProps) {
  return (
    <div class="sheet-head">
      <h2 id={id}>{title}</h2>
      <button type="button" class="button icon-only ghost" onClick={onClose} aria-label={closeLabel}>
        <CloseIcon />
      </button>
    </div>
  );
}
