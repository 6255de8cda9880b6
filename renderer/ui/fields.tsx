// Form fields that save on blur and follow the server's value when it changes under them (undo, another edit),
// unless the user is typing in them.
import { useEffect, useRef, useState, type ReactNode } from 'react';

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
  disabled?: boolean;
  hint?: ReactNode;
  list?: string;
  inputMode?: 'decimal' | 'text' | 'numeric';
  className?: string;
  placeholder?: string;
}

export function SavedField(p: FieldProps) {
  const [text, setText] = useState(p.value);
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) {
      setText(p.value);
      setError(null);
    }
  }, [p.value]);

  async function commit() {
    focused.current = false;
    const v = p.validate?.(text) ?? null;
    if (v) {
      setError(v);
      return;
    }
    setError(null);
    if (text === p.value) return;
    const err = await p.onSave(text);
    if (err) setError(err);
  }

  const errorId = `${p.id}-error`;
  const hintId = `${p.id}-hint`;
  const common = {
    id: p.id,
    value: text,
    disabled: p.disabled,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': [p.hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined,
    onFocus: () => {
      focused.current = true;
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
      {p.multiline ? (
        <textarea {...common} rows={p.rows ?? 3} placeholder={p.placeholder} onChange={(e) => setText(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          list={p.list}
          inputMode={p.inputMode}
          placeholder={p.placeholder}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              (e.target as HTMLInputElement).blur();
            } else if (e.key === 'Escape') {
              setText(p.value);
              setError(null);
            }
          }}
        />
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
