// « Cadre juridique » on the « Contrat » screen (issue 16): the document type, the visas, the considérants, the
// numbered articles and the partners that commit money without signing, edited by keyboard and saved as one
// undoable step (protocole.update). Trame's defaults are shown until the user changes them; « [à compléter : …] »
// marks a blank that freezing refuses. What is still missing before freezing is listed at the end.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { invoke } from '../../api';
import {
  DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, type DocumentType, type LegalArticle, type LegalFrame, type ReadinessItem,
} from '../../../core/features/protocole/contract';
import { useDoc } from '../../app/doc-context';

interface FrameState { frame: LegalFrame; partners: { id: string; name: string; funding: number; signs: boolean }[]; missing: ReadinessItem[] }

const SLOT_HINTS: Partial<Record<LegalArticle['slot'], string>> = {
  engagements: 'Suivi, dans le document, de la stratégie (arbre) et des engagements de chaque partenaire.',
  gouvernance: 'Suivi du texte de gouvernance de l’écran « Protocole » et des COPIL tenus.',
  suivi: 'Suivi du tableau des indicateurs.',
};
const euros = (n: number) => `${new Intl.NumberFormat('fr-FR').format(n)} €`;

function TextList(props: { id: string; legend: string; item: string; items: string[]; readOnly: boolean; set: (v: string[]) => void }) {
  const { id, legend, item, items, readOnly, set } = props;
  return (
    <fieldset className="frame-list">
      <legend>{legend}</legend>
      <ol>
        {items.map((v, i) => (
          <li key={i} className="frame-item">
            <label htmlFor={`${id}-${i}`}>{item} n° {i + 1}</label>
            <textarea id={`${id}-${i}`} rows={2} value={v} disabled={readOnly} onChange={(e) => set(items.map((x, k) => (k === i ? e.target.value : x)))} />
            <button type="button" className="btn btn-tertiary" disabled={readOnly} onClick={() => {
              flushSync(() => set(items.filter((_, k) => k !== i)));
              document.getElementById(`${id}-ajouter`)?.focus();
            }}>Retirer<span className="sr-only"> le {item.toLowerCase()} n° {i + 1}</span></button>
          </li>
        ))}
      </ol>
      <button type="button" id={`${id}-ajouter`} className="btn btn-secondary" disabled={readOnly} onClick={() => {
        flushSync(() => set([...items, '']));
        document.getElementById(`${id}-${items.length}`)?.focus();
      }}>Ajouter un {item.toLowerCase()}</button>
    </fieldset>
  );
}

export function LegalFrameEditor() {
  const { doc, readOnly, announce, revision } = useDoc();
  const [state, setState] = useState<FrameState | null>(null);
  const [type, setType] = useState<DocumentType>('contrat-ville');
  const [avenant, setAvenant] = useState('1');
  const [visas, setVisas] = useState<string[]>([]);
  const [considerants, setConsiderants] = useState<string[]>([]);
  const [articles, setArticles] = useState<LegalArticle[]>([]);
  const [nonSigning, setNonSigning] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  const live = useRef(true);
  async function load() {
    const r = await invoke('protocole.frame', { docId: doc.docId });
    if (!live.current || !r.ok) return;
    const f = r.value.frame;
    setState(r.value);
    setType(f.documentType);
    setAvenant(String(f.avenantNumber));
    setVisas(f.visas);
    setConsiderants(f.considerants);
    setArticles(f.articles);
    setNonSigning(f.nonSigning);
  }
  // Loaded again after an undo, a redo or an edit elsewhere (revision), and after each save here.
  useEffect(() => {
    live.current = true;
    void load();
    return () => {
      live.current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc.docId, revision]);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const n = Number(avenant);
    if (type === 'avenant' && !(Number.isInteger(n) && n >= 1 && n <= 999)) {
      setError('Numéro de l’avenant : un nombre entier de 1 à 999. Rien n’a été enregistré.');
      return requestAnimationFrame(() => document.getElementById('cadre-avenant')?.focus());
    }
    const r = await invoke('protocole.update', {
      docId: doc.docId,
      patch: { frame: { documentType: type, avenantNumber: type === 'avenant' ? n : null, visas, considerants, articles, nonSigning } },
    });
    if (!r.ok) {
      setError(r.error.message);
      return requestAnimationFrame(() => errorRef.current?.focus());
    }
    setError(null);
    announce('Cadre juridique enregistré. Ctrl+Z annule la modification.');
    await load();
  }

  async function restore(which: 'visas' | 'considerants' | 'articles') {
    const r = await invoke('protocole.update', { docId: doc.docId, patch: { frame: { [which]: null } } });
    if (!r.ok) return setError(r.error.message);
    announce('Textes par défaut rétablis. Ctrl+Z annule.');
    await load();
  }

  if (!state) return <p className="muted">Chargement du cadre juridique…</p>;
  const money = state.partners.filter((p) => p.funding > 0 && !p.signs);
  const setArticle = (i: number, patch: Partial<LegalArticle>) => setArticles((list) => list.map((a, k) => (k === i ? { ...a, ...patch } : a)));
  return (
    <section className="frame" aria-labelledby="cadre-titre">
      <h3 id="cadre-titre">Cadre juridique du document signé</h3>
      <p className="hint">
        Visas, considérants et articles sont imprimés dans le protocole. Les textes proposés par Trame sont à relire ; un blanc « [à compléter : …] » doit être rempli avant de figer pour signature.
      </p>
      <form onSubmit={submit} noValidate>
        <fieldset className="frame-type">
          <legend>Type de document</legend>
          {DOCUMENT_TYPES.map((t) => (
            <label key={t} className="frame-radio">
              <input type="radio" name="cadre-type" value={t} checked={type === t} disabled={readOnly} onChange={() => setType(t)} /> {DOCUMENT_TYPE_LABELS[t]}
            </label>
          ))}
          {type === 'avenant' && (
            <div className="field">
              <label htmlFor="cadre-avenant">Numéro de l’avenant</label>
              <input id="cadre-avenant" type="text" inputMode="numeric" value={avenant} disabled={readOnly} onChange={(e) => setAvenant(e.target.value)} />
            </div>
          )}
        </fieldset>
        <TextList id="cadre-visa" legend="Visas" item="Visa" items={visas} readOnly={readOnly} set={setVisas} />
        <button type="button" className="btn btn-tertiary" disabled={readOnly || state.frame.defaults.visas} onClick={() => void restore('visas')}>Rétablir les visas par défaut</button>
        <TextList id="cadre-considerant" legend="Considérants" item="Considérant" items={considerants} readOnly={readOnly} set={setConsiderants} />
        <button type="button" className="btn btn-tertiary" disabled={readOnly || state.frame.defaults.considerants} onClick={() => void restore('considerants')}>Rétablir les considérants par défaut</button>
        <fieldset className="frame-list">
          <legend>Articles</legend>
          <ol>
            {articles.map((a, i) => (
              <li key={i} className="frame-item frame-article">
                <label htmlFor={`cadre-article-${i}-titre`}>Titre de l’article {i + 1}</label>
                <input id={`cadre-article-${i}-titre`} type="text" value={a.title} disabled={readOnly} onChange={(e) => setArticle(i, { title: e.target.value })} />
                <label htmlFor={`cadre-article-${i}`}>Texte de l’article {i + 1}</label>
                {SLOT_HINTS[a.slot] && <p className="hint" id={`cadre-article-${i}-hint`}>{SLOT_HINTS[a.slot]}</p>}
                <textarea id={`cadre-article-${i}`} rows={3} value={a.text} disabled={readOnly} aria-describedby={SLOT_HINTS[a.slot] ? `cadre-article-${i}-hint` : undefined} onChange={(e) => setArticle(i, { text: e.target.value })} />
                {a.slot === 'libre' && (
                  <button type="button" className="btn btn-tertiary" disabled={readOnly} onClick={() => {
                    flushSync(() => setArticles((list) => list.filter((_, k) => k !== i)));
                    document.getElementById('cadre-article-ajouter')?.focus();
                  }}>Retirer<span className="sr-only"> l’article {i + 1}</span></button>
                )}
              </li>
            ))}
          </ol>
          <button type="button" id="cadre-article-ajouter" className="btn btn-secondary" disabled={readOnly} onClick={() => {
            flushSync(() => setArticles((list) => [...list, { slot: 'libre', title: '', text: '' }]));
            document.getElementById(`cadre-article-${articles.length}-titre`)?.focus();
          }}>Ajouter un article</button>
        </fieldset>
        <button type="button" className="btn btn-tertiary" disabled={readOnly || state.frame.defaults.articles} onClick={() => void restore('articles')}>Rétablir les articles par défaut</button>
        <fieldset className="frame-list">
          <legend>Partenaires qui engagent des moyens sans signataire</legend>
          {money.length === 0 && <p className="muted">Chaque partenaire qui engage des moyens a un signataire.</p>}
          {money.map((p) => (
            <label key={p.id} className="frame-radio">
              <input type="checkbox" checked={nonSigning.includes(p.id)} disabled={readOnly}
                onChange={(e) => setNonSigning((list) => (e.target.checked ? [...list, p.id] : list.filter((x) => x !== p.id)))} />
              {' '}{p.name} ({euros(p.funding)}) ne signe pas le document
            </label>
          ))}
        </fieldset>
        {error && <p className="field-error" role="alert" tabIndex={-1} ref={errorRef}>{error}</p>}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={readOnly}>Enregistrer le cadre juridique</button>
        </div>
      </form>
      <div className="frame-missing" aria-labelledby="cadre-manque">
        <h4 id="cadre-manque">{state.missing.length ? `Avant de figer pour signature, il manque ${state.missing.length} point${state.missing.length > 1 ? 's' : ''} :` : 'Rien ne manque pour figer le document pour signature.'}</h4>
        {state.missing.length > 0 && <ul>{state.missing.map((m, i) => <li key={`${m.code}-${i}`}>{m.text}</li>)}</ul>}
      </div>
    </section>
  );
}
