// A disclosure button for a few actions: in the contrat header the rarer file actions (restore a backup, export
// JSON), in the tree's toolbar the additions (+ Enjeu, + À la suite…).
// Disclosure pattern (aria-expanded + a list of ordinary buttons reached with Tab), not an ARIA menu: nothing to learn.
import { useEffect, useId, useRef, useState } from 'react';

export interface FileMenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Its tooltip and its key (aria-keyshortcuts), when it has one. */
  title?: string;
  keys?: string;
}

interface FileMenuProps {
  label: string;
  items: FileMenuItem[];
  disabled?: boolean;
  /** The button's look (secondary by default) and the side the list opens from (right by default: the header). */
  className?: string;
  align?: 'left' | 'right';
  title?: string;
}

export function FileMenu({ label, items, disabled, className = 'btn btn-secondary', align = 'right', title }: FileMenuProps) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div
      className="file-menu"
      ref={wrap}
      onBlur={(e) => {
        // Tab out of the list: close it.
        if (open && e.relatedTarget && !wrap.current?.contains(e.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={className}
        disabled={disabled}
        title={title}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        <svg width="14" height="14" viewBox="0 0 20 20" aria-hidden="true" focusable="false" className={open ? 'chev-up' : undefined}>
          <path d="M3 7l7 7 7-7" fill="none" stroke="currentColor" strokeWidth="3" />
        </svg>
      </button>
      {open && (
        <ul id={panelId} className={'file-menu-panel' + (align === 'left' ? ' file-menu-left' : '')}>
          {items.map((it) => (
            <li key={it.label}>
              <button
                type="button"
                className="file-menu-item"
                disabled={it.disabled}
                title={it.title}
                aria-keyshortcuts={it.keys}
                onClick={() => {
                  setOpen(false);
                  it.onSelect();
                  // The list is gone: unless the action put the focus somewhere, it goes back to the button.
                  requestAnimationFrame(() => {
                    if (document.activeElement === document.body || !document.activeElement) button.current?.focus();
                  });
                }}
              >
                {it.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
