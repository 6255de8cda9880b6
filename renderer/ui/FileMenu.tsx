// A disclosure button in the contrat header for the rarer file actions (restore a backup, export JSON).
// Disclosure pattern (aria-expanded + a list of ordinary buttons reached with Tab), not an ARIA menu: nothing to learn.
import { useEffect, useId, useRef, useState } from 'react';

export interface FileMenuItem {
  label: string;
  onSelect: () => void;
}

export function FileMenu({ label, items }: { label: string; items: FileMenuItem[] }) {
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
        className="btn btn-secondary"
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
        <ul id={panelId} className="file-menu-panel">
          {items.map((it) => (
            <li key={it.label}>
              <button
                type="button"
                className="file-menu-item"
                onClick={() => {
                  setOpen(false);
                  it.onSelect();
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
