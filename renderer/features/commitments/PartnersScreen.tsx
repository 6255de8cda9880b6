// « Partenaires »: the contrat's partners (the State and the EPCI like the others), the usual partners of the
// employment pillar added in one click, and a partner's page: its contact, who signs for it, its commitments and
// what is late.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { missingUsualPartners, lateList, todayIso, type USUAL_PARTNERS } from '../../../core/domain/commitments';
import type { PartnerType } from '../../../core/domain/format-types';
import { useDoc } from '../../app/doc-context';
import { countOf } from '../../lib/text';
import { useCommitmentsView, useEdit } from './data';
import { PARTNER_TYPE_LABELS, PartnerTypeOptions, typeLabel } from './labels';
import { PartnerPage } from './PartnerPage';

export function PartnersScreen() {
  const { doc, readOnly, focusReq, arrived, memory } = useDoc();
  const { view, error, reload } = useCommitmentsView();
  const edit = useEdit(reload);
  const [selected, setSelected] = useState<string | null>((memory.get('partners.selected') as string | undefined) ?? null);
  const [name, setName] = useState('');
  const [type, setType] = useState<PartnerType | ''>('');
  const [addError, setAddError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const today = todayIso();

  const firstFocusReq = useRef(focusReq);
  useEffect(() => {
    if (arrived || focusReq !== firstFocusReq.current) heading.current?.focus();
  }, [arrived, focusReq]);
  // Once a partner is deleted (its page and the dialog gone), the focus goes to the list of partners.
  const removed = useRef(false);
  useEffect(() => {
    memory.set('partners.selected', selected);
    if (removed.current && selected === null) document.getElementById('plist-title')?.focus();
    removed.current = false;
  }, [memory, selected]);

  const usual = useMemo(() => missingUsualPartners((view?.partners ?? []).map((p) => p.name)), [view]);
  // After a usual partner is added its button leaves the list: the focus goes to the button now at its place (the
  // next one), or to the list's heading once none is left; never to the page.
  const usualList = useRef<HTMLUListElement>(null);
  const usualTitle = useRef<HTMLHeadingElement>(null);
  const focusUsual = useRef<number | null>(null);
  useEffect(() => {
    const at = focusUsual.current;
    if (at === null) return;
    focusUsual.current = null;
    const buttons = usualList.current?.querySelectorAll('button') ?? [];
    (buttons[Math.min(at, buttons.length - 1)] ?? usualTitle.current)?.focus();
  }, [usual]);
  const lateByPartner = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of view ? lateList(view.commitments, today) : []) m.set(l.commitment.partnerId, (m.get(l.commitment.partnerId) ?? 0) + 1);
    return m;
  }, [view, today]);
  const current = view?.partners.find((p) => p.id === selected) ?? null;

  async function addUsual(u: (typeof USUAL_PARTNERS)[number], at: number) {
    focusUsual.current = at;
    const err = await edit(invoke('partners.addMany', { docId: doc.docId, partners: [{ name: u.name, type: u.type }] }), `Partenaire « ${u.name} » ajouté.`);
    if (err) {
      focusUsual.current = null;
      setAddError(err.message);
    }
  }
  async function addOwn(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setAddError('Le nom du partenaire est obligatoire.');
    const err = await edit(invoke('partners.add', { docId: doc.docId, name: name.trim(), type: type || null }), `Partenaire « ${name.trim()} » ajouté.`);
    if (err) return setAddError(err.message);
    setAddError(null);
    setName('');
    setType('');
  }

  return (
    <main className="partners-screen" aria-labelledby="partners-title">
      <div className="screen-head">
        <h2 id="partners-title" ref={heading} tabIndex={-1}>
          Partenaires
        </h2>
        {view && <p className="screen-summary">{countOf(view.partners.length, 'partenaire')}</p>}
      </div>
      {error && (
        <p role="alert" className="field-error screen-pad">
          {error.message}
        </p>
      )}
      {view && (
        <div className="partners-body">
          <div className="partners-side">
            <section aria-labelledby="plist-title">
              <h3 id="plist-title" tabIndex={-1}>Partenaires du contrat</h3>
              {view.partners.length === 0 && <p className="muted">Aucun partenaire pour l’instant.</p>}
              <ul className="partner-list">
                {view.partners.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      className={'partner-item' + (p.id === selected ? ' is-current' : '')}
                      aria-current={p.id === selected ? 'true' : undefined}
                      onClick={() => setSelected(p.id)}
                    >
                      <span className="partner-name">{p.name}</span>
                      <span className="partner-meta">
                        {typeLabel(p.type)} · {countOf(p.commitmentCount, 'engagement')}
                        {lateByPartner.get(p.id) ? ` · ${lateByPartner.get(p.id)} en retard` : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
            {!readOnly && (
              <section aria-labelledby="padd-title">
                <h3 id="padd-title">Ajouter un partenaire</h3>
                <form onSubmit={(e) => void addOwn(e)} noValidate className="partner-add">
                  <div className="field">
                    <label htmlFor="p-name">Nom</label>
                    <input
                      id="p-name"
                      type="text"
                      value={name}
                      onChange={(e) => setName(e.target.value)}
                      aria-invalid={addError ? true : undefined}
                      aria-describedby={addError ? 'p-add-error' : undefined}
                    />
                    {addError && (
                      <p className="field-error" id="p-add-error" role="alert">
                        {addError}
                      </p>
                    )}
                  </div>
                  <div className="field">
                    <label htmlFor="p-type">Famille d’acteurs</label>
                    <select id="p-type" value={type} onChange={(e) => setType(e.target.value as PartnerType | '')}>
                      <PartnerTypeOptions />
                    </select>
                  </div>
                  <button type="submit" className="btn btn-primary">
                    Ajouter
                  </button>
                </form>
                <h3 id="usual-title" ref={usualTitle} tabIndex={-1}>Partenaires habituels du pilier emploi</h3>
                {usual.length === 0 ? (
                  <p className="muted">Tous les partenaires habituels sont déjà dans le contrat.</p>
                ) : (
                  <ul className="usual-list" aria-labelledby="usual-title" ref={usualList}>
                    {usual.map((u, i) => (
                      <li key={u.name}>
                        <span>
                          {u.name} <span className="muted">({PARTNER_TYPE_LABELS[u.type]})</span>
                        </span>
                        <button type="button" className="btn btn-tertiary btn-small" onClick={() => void addUsual(u, i)} aria-label={`Ajouter ${u.name}`}>
                          Ajouter
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            )}
          </div>
          <div className="partners-page">
            {current ? (
              <PartnerPage key={current.id} partner={current} view={view} today={today} reload={reload} onRemoved={() => {
                  removed.current = true;
                  setSelected(null);
                }} />
            ) : (
              <p className="muted">Choisissez un partenaire dans la liste pour voir sa page : ses engagements, ce qui est en retard, son signataire et son contact.</p>
            )}
          </div>
        </div>
      )}
    </main>
  );
}
