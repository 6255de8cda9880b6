// « Contrat »: the contrat's identity — name, EPCI, period, QPV list — edited in one undoable step (contrat.update),
// then the legal frame of the signed document (LegalFrameEditor, issue 16).
// Each refusal is said next to its field, and the first one is scrolled into view and focused (at 720 px tall a
// message at the top of the form would be off-screen).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { invoke } from '../../api';
import type { ContratInfo } from '../../../core/api/contract';
import { useDoc } from '../../app/doc-context';
import { LegalFrameEditor } from './LegalFrameEditor';

interface QpvRow { key: number; code: string; name: string; commune: string }
type Errors = Record<string, string>;

const NAME_MAX = 300;
const EPCI_MAX = 300;

const rowsOf = (c: ContratInfo): QpvRow[] => c.qpv.map((q, i) => ({ key: i, code: q.code, name: q.name, commune: q.commune ?? '' }));
const year = (s: string): number | null => (/^\s*\d{4}\s*$/.test(s) ? Number(s) : null);

function tooLong(what: string, v: string, max: number): string | null {
  const n = v.trim().length;
  return n > max ? `${what} est trop long : ${n} caractères, ${max} au plus. Raccourcissez-le ; rien n’a été enregistré.` : null;
}

export function ContratScreen() {
  const { doc, readOnly, announce, setEditOffline, arrived, focusReq } = useDoc();
  const c = doc.contrat;
  const [name, setName] = useState(c.name);
  const [epci, setEpci] = useState(c.epci);
  const [start, setStart] = useState(String(c.period.start));
  const [end, setEnd] = useState(String(c.period.end));
  const [qpv, setQpv] = useState<QpvRow[]>(() => rowsOf(c));
  const nextKey = useRef(c.qpv.length + 1);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // The contrat changed under the form (undo, another page): show what it holds now.
  useEffect(() => {
    setName(c.name);
    setEpci(c.epci);
    setStart(String(c.period.start));
    setEnd(String(c.period.end));
    setQpv(rowsOf(c));
    setErrors({});
  }, [c]);
  useEffect(() => {
    if (arrived || focusReq) heading.current?.focus();
  }, [arrived, focusReq]);

  function validate(): Errors {
    const e: Errors = {};
    if (!name.trim()) e['contrat-nom'] = 'Le nom du contrat est obligatoire.';
    else if (tooLong('Le nom du contrat', name, NAME_MAX)) e['contrat-nom'] = tooLong('Le nom du contrat', name, NAME_MAX)!;
    if (!epci.trim()) e['contrat-epci'] = 'L’EPCI est obligatoire.';
    else if (tooLong('Le nom de l’EPCI', epci, EPCI_MAX)) e['contrat-epci'] = tooLong('Le nom de l’EPCI', epci, EPCI_MAX)!;
    const s = year(start);
    const en = year(end);
    if (s === null || s < 1990 || s > 2100) e['contrat-debut'] = 'Année de début sur quatre chiffres, entre 1990 et 2100 (par exemple 2024).';
    if (en === null || en < 1990 || en > 2100) e['contrat-fin'] = 'Année de fin sur quatre chiffres, entre 1990 et 2100 (par exemple 2030).';
    else if (s !== null && en < s) e['contrat-fin'] = `L’année de fin (${en}) doit suivre l’année de début (${s}).`;
    qpv.forEach((r) => {
      if (!r.code.trim() && !r.name.trim() && !r.commune.trim()) return;
      if (!r.code.trim()) e[`qpv-${r.key}-code`] = 'Le code du QPV est obligatoire (par exemple QN05901M).';
      else if (r.code.trim().length > 40) e[`qpv-${r.key}-code`] = 'Le code du QPV est trop long : 40 caractères au plus.';
      if (!r.name.trim()) e[`qpv-${r.key}-name`] = 'Le nom du QPV est obligatoire.';
      else if (r.name.trim().length > 200) e[`qpv-${r.key}-name`] = 'Le nom du QPV est trop long : 200 caractères au plus.';
      if (r.commune.trim().length > 200) e[`qpv-${r.key}-commune`] = 'Le nom de la commune est trop long : 200 caractères au plus.';
    });
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    const first = Object.keys(e)[0];
    if (first) {
      // Where the user looks: the field itself, in view, with its message below it.
      const el = document.getElementById(first);
      el?.scrollIntoView({ block: 'center' });
      el?.focus({ preventScroll: true });
      return;
    }
    setBusy(true);
    const r = await invoke('contrat.update', {
      docId: doc.docId,
      contrat: {
        name: name.trim(), epci: epci.trim(), period: { start: year(start)!, end: year(end)! },
        qpv: qpv.filter((q) => q.code.trim() || q.name.trim()).map((q) => ({ code: q.code.trim(), name: q.name.trim(), ...(q.commune.trim() ? { commune: q.commune.trim() } : {}) })),
      },
    });
    setBusy(false);
    if (!r.ok) return setErrors({ form: r.error.message });
    setEditOffline(r.value.offline);
    announce('Contrat enregistré. Ctrl+Z annule la modification.');
  }

  const field = (id: string, label: string, value: string, set: (v: string) => void, extra: { inputMode?: 'numeric'; hint?: string } = {}) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {extra.hint && (
        <p className="hint" id={`${id}-hint`}>
          {extra.hint}
        </p>
      )}
      <input
        id={id}
        type="text"
        value={value}
        disabled={readOnly}
        inputMode={extra.inputMode}
        onChange={(e) => set(e.target.value)}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={[extra.hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
      {errors[id] && (
        <p id={`${id}-error`} className="field-error">
          {errors[id]}
        </p>
      )}
    </div>
  );

  const setRow = (key: number, f: 'code' | 'name' | 'commune', v: string) => setQpv((rows) => rows.map((r) => (r.key === key ? { ...r, [f]: v } : r)));

  return (
    <main className="contrat-screen" aria-labelledby="contrat-titre">
      <h2 id="contrat-titre" ref={heading} tabIndex={-1}>
        Identité du contrat
      </h2>
      <p className="contrat-file">
        Fichier : <bdi className="doc-path">{doc.path}</bdi>
        <span className="muted"> — « Enregistrer sous… » en fait une copie ailleurs.</span>
      </p>
      <form onSubmit={submit} noValidate className="contrat-form">
        {field('contrat-nom', 'Nom du contrat', name, setName)}
        {field('contrat-epci', 'EPCI (intercommunalité)', epci, setEpci)}
        <fieldset className="field contrat-period">
          <legend>Période du contrat</legend>
          {field('contrat-debut', 'Année de début', start, setStart, { inputMode: 'numeric' })}
          {field('contrat-fin', 'Année de fin', end, setEnd, { inputMode: 'numeric' })}
        </fieldset>
        <fieldset className="field contrat-qpv">
          <legend>Quartiers prioritaires (QPV) — {qpv.length}</legend>
          {qpv.length === 0 && <p className="muted">Aucun QPV : « Ajouter un QPV » en ajoute un.</p>}
          <ul>
            {qpv.map((r, i) => (
              <li key={r.key} className="qpv-row">
                {field(`qpv-${r.key}-code`, `Code du QPV ${i + 1}`, r.code, (v) => setRow(r.key, 'code', v))}
                {field(`qpv-${r.key}-name`, `Nom du QPV ${i + 1}`, r.name, (v) => setRow(r.key, 'name', v))}
                {field(`qpv-${r.key}-commune`, `Commune du QPV ${i + 1}`, r.commune, (v) => setRow(r.key, 'commune', v))}
                <button
                  type="button"
                  className="btn btn-tertiary"
                  disabled={readOnly}
                  onClick={() => {
                    flushSync(() => setQpv((rows) => rows.filter((x) => x.key !== r.key)));
                    document.getElementById('qpv-ajouter')?.focus();
                  }}
                >
                  Retirer<span className="sr-only"> le QPV {i + 1}</span>
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            id="qpv-ajouter"
            className="btn btn-secondary"
            disabled={readOnly}
            onClick={() => {
              const key = nextKey.current++;
              // The new row drawn and focused at once: a letter typed right after the click lands in its code, never
              // before the focus arrives (a frame later, it went to the button).
              flushSync(() => setQpv((rows) => [...rows, { key, code: '', name: '', commune: '' }]));
              document.getElementById(`qpv-${key}-code`)?.focus();
            }}
          >
            Ajouter un QPV
          </button>
        </fieldset>
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={readOnly} aria-disabled={busy || undefined} onClick={(e) => busy && e.preventDefault()}>
            Enregistrer
          </button>
        </div>
      </form>
      <LegalFrameEditor />
    </main>
  );
}
