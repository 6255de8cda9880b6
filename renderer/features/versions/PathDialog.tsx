// One typed path, sent to a handler: export a version's PDF, import a PDF signed elsewhere, save a copy without
// history. The French error stays under the field, the focus goes back in it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Result } from '../../../core/api/result';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';

interface Props {
  title: string;
  label: string;
  initial: string;
  submit: string;
  /** Checks the typed path; a French message or null. */
  check(path: string): string | null;
  send(path: string): Promise<Result<unknown>>;
  onDone(message: string): void;
  done(path: string): string;
  onCancel(): void;
  children?: ReactNode;
}

export function PathDialog(p: Props) {
  const [value, setValue] = useState(p.initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const target = value.trim();
    const problem = p.check(target);
    if (problem) {
      setError(problem);
      input.current?.focus();
      return;
    }
    setBusy(true);
    const r = await p.send(target);
    setBusy(false);
    if (r.ok) p.onDone(p.done(target));
    else {
      setError(r.error.message);
      input.current?.focus();
    }
  }
  return (
    <Modal title={p.title} onCancel={p.onCancel}>
      {p.children}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="version-path">{p.label}</label>
          <input id="version-path" ref={input} type="text" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'version-path-error' : undefined} />
          {error && <p id="version-path-error" className="field-error">{error}</p>}
        </div>
        <FormActions submit={busy ? 'En cours…' : p.submit} busy={busy} onCancel={p.onCancel} />
      </form>
    </Modal>
  );
}

export const pdfPathProblem = (p: string): string | null =>
  !p ? 'Le chemin du fichier est obligatoire.' : /[^\\/]\.pdf$/i.test(p) ? null : 'Le nom du fichier doit se terminer par « .pdf » (par exemple protocole-signe.pdf).';
export const tramePathProblem = (p: string): string | null =>
  !p ? 'Le chemin du fichier est obligatoire.' : /[^\\/]\.trame$/i.test(p) ? null : 'Le nom du fichier doit se terminer par « .trame » (par exemple contrat-a-envoyer.trame).';
