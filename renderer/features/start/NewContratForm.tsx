import { useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { invoke, shell } from '../../api';
import type { AppInfo, DocInfo } from '../../../core/api/contract';
import type { AppError } from '../../../core/api/result';
import { joinPath, slugify } from '../../lib/text';
import { AlertRegion } from '../../ui/Alert';
import { FormActions } from '../../ui/FormActions';

interface QpvRow { key: number; code: string; name: string; commune: string }

type Errors = Record<string, string>;

function parseYear(s: string): number | null {
  return /^\s*\d{4}\s*$/.test(s) ? Number(s) : null;
}

export function NewContratForm({ info, onCreated, onCancel }: { info: AppInfo; onCreated: (doc: DocInfo) => void; onCancel: () => void }) {
  const inElectron = shell() !== null;
  const [name, setName] = useState('');
  const [epci, setEpci] = useState('');
  const [start, setStart] = useState('2024');
  const [end, setEnd] = useState('2030');
  const nextKey = useRef(1);
  const [qpv, setQpv] = useState<QpvRow[]>([{ key: 0, code: '', name: '', commune: '' }]);
  const [path, setPath] = useState(inElectron ? '' : joinPath(info.defaultDir, 'contrat.trame'));
  const [pathEdited, setPathEdited] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [apiError, setApiError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  function changeName(v: string) {
    setName(v);
    if (!pathEdited && !inElectron) setPath(joinPath(info.defaultDir, slugify(v) + '.trame'));
  }

  function setQpvField(key: number, field: 'code' | 'name' | 'commune', value: string) {
    setQpv((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  }

  function addQpv() {
    const key = nextKey.current++;
    flushSync(() => setQpv((rows) => [...rows, { key, code: '', name: '', commune: '' }]));
    document.getElementById(`qpv-${key}-code`)?.focus();
  }

  function removeQpv(key: number, index: number) {
    flushSync(() => setQpv((rows) => rows.filter((r) => r.key !== key)));
    document.getElementById(index > 0 ? `qpv-remove-${qpv[index - 1].key}` : 'qpv-add')?.focus();
  }

  async function choosePath() {
    const s = shell();
    if (!s) return;
    const chosen = await s.chooseSavePath({
      title: 'Enregistrer le nouveau contrat',
      defaultName: slugify(name) + '.trame',
      filters: 'trame',
    });
    if (chosen) {
      setPath(chosen);
      setPathEdited(true);
    }
  }

  function validate(): Errors {
    const e: Errors = {};
    if (!name.trim()) e.name = 'Le nom du contrat est obligatoire.';
    if (!epci.trim()) e.epci = 'L’EPCI est obligatoire.';
    const s = parseYear(start);
    const en = parseYear(end);
    if (s === null || s < 1990 || s > 2100) e.start = 'Année sur quatre chiffres attendue, entre 1990 et 2100.';
    if (en === null || en < 1990 || en > 2100) e.end = 'Année sur quatre chiffres attendue, entre 1990 et 2100.';
    else if (s !== null && en < s) e.end = 'L’année de fin doit suivre l’année de début.';
    for (const r of qpv) {
      const empty = !r.code.trim() && !r.name.trim() && !r.commune.trim();
      if (empty) continue;
      if (!r.code.trim()) e[`qpv-${r.key}-code`] = 'Le code du QPV est obligatoire (par exemple QN09101M).';
      if (!r.name.trim()) e[`qpv-${r.key}-name`] = 'Le nom du QPV est obligatoire.';
    }
    if (!path.trim()) e.path = inElectron ? 'Choisissez où enregistrer le fichier.' : 'Le chemin du fichier est obligatoire.';
    else if (!path.trim().toLowerCase().endsWith('.trame')) e.path = 'Le nom du fichier doit se terminer par .trame.';
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setApiError(null);
    const e = validate();
    setErrors(e);
    const first = Object.keys(e)[0];
    if (first) {
      const el = document.getElementById(first === 'path' && inElectron ? 'choose-path' : first);
      el?.focus();
      return;
    }
    setBusy(true);
    const r = await invoke('contrat.create', {
      path: path.trim(),
      contrat: {
        name: name.trim(),
        epci: epci.trim(),
        period: { start: Number(start), end: Number(end) },
        qpv: qpv
          .filter((q) => q.code.trim() || q.name.trim() || q.commune.trim())
          .map((q) => ({ code: q.code.trim(), name: q.name.trim(), ...(q.commune.trim() ? { commune: q.commune.trim() } : {}) })),
      },
    });
    setBusy(false);
    if (r.ok) {
      onCreated(r.value);
      return;
    }
    setApiError(r.error);
    if (r.error.code === 'fichier-existe' || r.error.code === 'ecriture-impossible') {
      setErrors({ path: r.error.message });
    }
  }

  const err = (k: string) =>
    errors[k] ? (
      <p id={`${k}-error`} className="field-error">
        {errors[k]}
      </p>
    ) : null;
  const a11y = (k: string, hint?: string) => ({
    'aria-invalid': errors[k] ? (true as const) : undefined,
    'aria-describedby': [hint, errors[k] ? `${k}-error` : undefined].filter(Boolean).join(' ') || undefined,
  });

  return (
    <div className="page">
      <header className="page-header">
        <p className="brand" aria-hidden="true">
          <span className="brand-mark" />
          Trame
        </p>
        <h1>Nouveau contrat</h1>
      </header>
      <main className="form-main">
        <AlertRegion error={apiError} onDismiss={() => setApiError(null)} />
        <form ref={formRef} onSubmit={submit} noValidate className="contrat-form">
          <p className="hint">Tous les champs sont obligatoires, sauf la commune des QPV.</p>
          <div className="field">
            <label htmlFor="name">Nom du contrat</label>
            <p className="hint" id="name-hint">
              Par exemple : Contrat de ville 2024-2030 — Communauté d’agglomération Grand Paris Sud
            </p>
            <input id="name" type="text" value={name} onChange={(e) => changeName(e.target.value)} {...a11y('name', 'name-hint')} />
            {err('name')}
          </div>
          <div className="field">
            <label htmlFor="epci">EPCI</label>
            <input id="epci" type="text" value={epci} onChange={(e) => setEpci(e.target.value)} {...a11y('epci')} />
            {err('epci')}
          </div>
          <fieldset className="fieldset period">
            <legend>Période du contrat</legend>
            <div className="field field-inline">
              <label htmlFor="start">Année de début</label>
              <input id="start" type="text" inputMode="numeric" className="input-year" value={start} onChange={(e) => setStart(e.target.value)} {...a11y('start')} />
              {err('start')}
            </div>
            <div className="field field-inline">
              <label htmlFor="end">Année de fin</label>
              <input id="end" type="text" inputMode="numeric" className="input-year" value={end} onChange={(e) => setEnd(e.target.value)} {...a11y('end')} />
              {err('end')}
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend>Quartiers prioritaires (QPV)</legend>
            {qpv.length === 0 && <p className="muted">Aucun QPV pour l’instant.</p>}
            <ol className="qpv-list">
              {qpv.map((r, i) => (
                <li key={r.key} className="qpv-row">
                  <div className="field">
                    <label htmlFor={`qpv-${r.key}-code`}>Code QPV {i + 1}</label>
                    <input id={`qpv-${r.key}-code`} type="text" className="input-code" value={r.code} onChange={(e) => setQpvField(r.key, 'code', e.target.value)} {...a11y(`qpv-${r.key}-code`)} />
                    {err(`qpv-${r.key}-code`)}
                  </div>
                  <div className="field">
                    <label htmlFor={`qpv-${r.key}-name`}>Nom du QPV {i + 1}</label>
                    <input id={`qpv-${r.key}-name`} type="text" value={r.name} onChange={(e) => setQpvField(r.key, 'name', e.target.value)} {...a11y(`qpv-${r.key}-name`)} />
                    {err(`qpv-${r.key}-name`)}
                  </div>
                  <div className="field">
                    <label htmlFor={`qpv-${r.key}-commune`}>Commune (facultatif)</label>
                    <input id={`qpv-${r.key}-commune`} type="text" value={r.commune} onChange={(e) => setQpvField(r.key, 'commune', e.target.value)} />
                  </div>
                  <button type="button" id={`qpv-remove-${r.key}`} className="btn btn-tertiary qpv-remove" onClick={() => removeQpv(r.key, i)} aria-label={`Retirer le QPV ${i + 1}`}>
                    Retirer
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" id="qpv-add" className="btn btn-secondary" onClick={addQpv}>
              Ajouter un QPV
            </button>
          </fieldset>
          <div className="field">
            {inElectron ? (
              <>
                <span className="label" id="path-label">
                  Fichier du contrat
                </span>
                <div className="inline">
                  <output className="path-output" aria-labelledby="path-label">
                    {pathEdited ? path : 'Aucun emplacement choisi'}
                  </output>
                  <button type="button" id="choose-path" className="btn btn-secondary" onClick={() => void choosePath()} {...a11y('path')}>
                    Choisir…
                  </button>
                </div>
              </>
            ) : (
              <>
                <label htmlFor="path">Fichier du contrat (.trame)</label>
                <p className="hint" id="path-hint">
                  Chemin complet du fichier à créer. Le contrat y est enregistré à chaque modification.
                </p>
                <input id="path" type="text" spellCheck={false} value={path} onChange={(e) => { setPath(e.target.value); setPathEdited(true); }} {...a11y('path', 'path-hint')} />
              </>
            )}
            {err('path')}
          </div>
          <FormActions submit="Créer le contrat" busy={busy} onCancel={onCancel} />
        </form>
      </main>
    </div>
  );
}
