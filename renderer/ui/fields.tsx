// Form fields that save on blur and follow the server's value when it changes under them (undo, another edit),
// unless the user is typing in them.
import { useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type ReactNode } from 'react';

export type SaveResult = string | null; // an error message, or null when saved

interface FieldProps {
  id: string;
  label: string;
  value: string;
  /** Checks and converts the typed text; returns an error message or null. */
  validate?: (text: string) => string | null;
  onSave: (text: string) => Promise<SaveResult>;
  multiline?: boolean;
  rows?: number;
  /** A multi-line field for one paragraph (a long title): Entrée saves instead of starting a new line. */
  enterSaves?: boolean;
  /** Reached by the keyboard, the cursor goes after what is already written (to go on with a reason). */
  caretAtEnd?: boolean;
  /** Where the text being typed is kept (localStorage) until saved, so a reload or a crash does not lose it. */
  draftKey?: string;
  disabled?: boolean;
  hint?: ReactNode;
  list?: string;
  inputMode?: 'decimal' | 'text' | 'numeric';
  className?: string;
  placeholder?: string;
}

function readDraft(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeDraft(key: string | undefined, text: string | null): void {
  if (!key) return;
  try {
    if (text === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, text);
  } catch {
    // storage full or refused: the text is still in the field
  }
}

/**
 * Scrolls the nearest scrolling panel (only it: scrollIntoView would also shift the page's fixed layout, whose
 * overflow is hidden) so that `el` is in view.
 */
function revealInScroller(el: HTMLElement): void {
  let box = el.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (!box) return;
  const r = el.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  if (r.bottom > b.bottom) box.scrollTop += r.bottom - b.bottom + 8;
  else if (r.top < b.top) box.scrollTop -= b.top - r.top + 8;
}

export function SavedField(p: FieldProps) {
  const [restored] = useState(() => {
    const d = readDraft(p.draftKey);
    return d !== null && d !== p.value ? d : null;
  });
  const [text, setText] = useState(restored ?? p.value);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState(restored !== null);
  const focused = useRef(false);
  const pointer = useRef(false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!focused.current && !notice) {
      setText(p.value);
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.value]);
  // A refusal is read where it is: the message comes into view (at 720 px the field may sit low in the panel).
  useLayoutEffect(() => {
    if (error && errorRef.current) revealInScroller(errorRef.current);
  }, [error]);
  // Leaving the page with a text not yet saved: the browser asks first.
  const dirty = p.draftKey !== undefined && text !== p.value;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  async function commit() {
    focused.current = false;
    const v = p.validate?.(text) ?? null;
    if (v) {
      setError(v);
      return;
    }
    setError(null);
    if (text === p.value) {
      writeDraft(p.draftKey, null);
      setNotice(false);
      return;
    }
    const err = await p.onSave(text);
    if (err) setError(err);
    else {
      writeDraft(p.draftKey, null);
      setNotice(false);
    }
  }

  function change(next: string) {
    setText(next);
    setError(null);
    writeDraft(p.draftKey, next === p.value ? null : next);
  }

  const errorId = `${p.id}-error`;
  const hintId = `${p.id}-hint`;
  const noticeId = `${p.id}-draft`;
  const common = {
    id: p.id,
    value: text,
    disabled: p.disabled,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': [p.hint ? hintId : null, notice ? noticeId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined,
    onPointerDown: () => {
      pointer.current = true;
    },
    onFocus: (e: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      focused.current = true;
      if (p.caretAtEnd && !pointer.current) e.target.setSelectionRange(e.target.value.length, e.target.value.length);
      pointer.current = false;
    },
    onBlur: () => void commit(),
  };
  return (
    <div className={'field ' + (p.className ?? '')}>
      <label htmlFor={p.id}>{p.label}</label>
      {p.hint && (
        <p className="hint" id={hintId}>
          {p.hint}
        </p>
      )}
      {notice && (
        <p className="draft-notice" id={noticeId} role="status">
          Texte non enregistré retrouvé : il sera enregistré quand vous quitterez le champ.
        </p>
      )}
      {p.multiline ? (
        <textarea
          {...common}
          rows={p.rows ?? 3}
          placeholder={p.placeholder}
          onChange={(e) => change(p.enterSaves ? e.target.value.replace(/\r?\n/g, ' ') : e.target.value)}
          onKeyDown={(e) => {
            if (p.enterSaves && e.key === 'Enter') {
              e.preventDefault();
              (e.target as HTMLTextAreaElement).blur();
            }
          }}
        />
      ) : (
        <input
          {...common}
          type="text"
          list={p.list}
          inputMode={p.inputMode}
          placeholder={p.placeholder}
          onChange={(e) => change(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              (e.target as HTMLInputElement).blur();
            } else if (e.key === 'Escape' && text !== p.value) {
              // First Escape gives the saved value back; the next one leaves the panel.
              e.preventDefault();
              change(p.value);
            }
          }}
        />
      )}
      {error && (
        <p className="field-error" id={errorId} ref={errorRef}>
          {error}
        </p>
      )}
    </div>
  );
}
