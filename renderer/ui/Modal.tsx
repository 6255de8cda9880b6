// A modal on the native <dialog>: the browser traps focus and makes the page behind inert. Once it closes, the focus
// goes back to the element that opened it (the element focused at its first render: by the time effects run, the
// dialog has already taken the focus), unless the screen has put it somewhere else meanwhile.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  children: ReactNode;
  /** Escape closes the dialog only when this is given. */
  onCancel?: () => void;
  className?: string;
}

export function Modal({ title, children, onCancel, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
      requestAnimationFrame(() => {
        const now = document.activeElement;
        if ((!now || now === document.body) && opener?.isConnected) opener.focus();
      });
    };
  }, [opener]);
  return (
    <dialog
      ref={ref}
      className={'modal ' + (className ?? '')}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel?.();
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
