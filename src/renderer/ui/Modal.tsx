import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { SheetHead } from './SheetHead';

/** Props of `Modal`. */
interface ModalProps {
  open: boolean;
  onClose(): void;
  /** Id of the heading, for `aria-labelledby`. */
  id: string;
  title: string;
  closeLabel: string;
  /** Extra class of the `<dialog>`. */
  class?: string;
  children: ComponentChildren;
}

/** A native modal `<dialog>` (focus kept inside, Esc closes) with a heading and a close button. */
export function Modal({ open, onClose, id, title, closeLabel, class: extra, children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) el.showModal();
    if (!open && el?.open) el.close();
  }, [open]);
  return (
    <dialog ref={dialog} class={`modal ${extra ?? ''}`} aria-labelledby={id} onClose={onClose}>
      <SheetHead id={id} title={title} closeLabel={closeLabel} onClose={() => dialog.current?.close()} />
      {open && <div class="modal-body">{children}</div>}
    </dialog>
  );
}
