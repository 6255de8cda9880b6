// What the file dialogs share: a typed path field with its French error, and the submit of a path to a handler
// (check, busy flag, error under the field, focus back in it).
import { useState, type RefObject } from 'react';
import type { DocInfo } from '../../../core/api/contract';
import type { Result } from '../../../core/api/result';
import { hasTrameExtension } from './paths';

/** Checks a typed .trame path; returns a French message or null. */
export function pathProblem(path: string): string | null {
  const p = path.trim();
  if (!p) return 'Le chemin du fichier est obligatoire.';
  if (!hasTrameExtension(p)) return 'Le nom du fichier doit se terminer par « .trame » (par exemple contrat-copie.trame).';
  return null;
}

/** Checks a typed .json path (JSON export); returns a French message or null. */
export function jsonPathProblem(path: string): string | null {
  const p = path.trim();
  if (!p) return 'Le chemin du fichier est obligatoire.';
  if (!/[^\\/]\.json$/i.test(p)) return 'Le nom du fichier doit se terminer par « .json » (par exemple contrat.json).';
  return null;
}

/**
 * What a dialog that sends a file path to the handlers shares: the check of a typed path, the busy flag, the
 * French error under the field and the focus back in it. `typed` is false when the path came from the native dialog.
 */
export function usePathSubmit(inputRef: RefObject<HTMLInputElement | null>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(target: string, typed: boolean, call: (path: string) => Promise<Result<DocInfo>>, onDone: (d: DocInfo) => void) {
    if (typed) {
      const problem = pathProblem(target);
      if (problem) {
        setError(problem);
        inputRef.current?.focus();
        return;
      }
    }
    setBusy(true);
    setError(null);
    const r = await call(target.trim());
    setBusy(false);
    if (r.ok) {
      onDone(r.value);
      return;
    }
    setError(r.error.message);
    if (typed) inputRef.current?.focus();
  }

  return { error, setError, busy, send };
}

/** Focus and select the file name (not the folder) so that typing a new name replaces it. */
export function focusFileName(input: HTMLInputElement | null): void {
  if (!input) return;
  input.focus();
  const v = input.value;
  const start = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\')) + 1;
  const end = /\.trame$/i.test(v) ? v.length - '.trame'.length : v.length;
  input.setSelectionRange(start, Math.max(start, end));
}

interface PathFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  error: string | null;
  onChange: (v: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

export function PathField({ id, label, hint, value, error, onChange, inputRef }: PathFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        ref={inputRef}
        id={id}
        type="text"
        className="input-path"
        spellCheck={false}
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div role="alert" className="field-alert">
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
