// « Tableau de bord COPIL »: where each indicator stands (QPV vs reference over time, baseline, target, status and the
// rule behind it), the workshop's decisions per enjeu, what changed since the last COPIL, and the COPIL meetings.
// Filters by enjeu, data provider and status. Prints on A4 landscape (indicators.css).
import { LateCommitmentsSummary } from '../commitments';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { invoke } from '../../api';
import { useDoc, useRemembered } from '../../app/doc-context';
import { STATUSES, STATUS_LABELS, STATUS_RULE_TEXT, type Copil } from '../../../core/features/indicators/contract';
import { countOf } from '../../lib/text';
import { useRead } from '../../lib/useRead';
import { CopilDialog, CopilMeetings } from './CopilMeetings';
import { CsvImportDialog } from './CsvImportDialog';
import { DashboardIndicators } from './DashboardIndicators';
import { SinceList } from './SinceList';
import { TagCountsTable } from './TagCountsTable';
import './indicators.css';

interface Filters { enjeu: string; provider: string; status: string }
const ALL: Filters = { enjeu: '', provider: '', status: '' };

export function CopilScreen() {
  const { doc, revision, focusReq, arrived, announce, readOnly } = useDoc();
  const [since, setSince] = useRemembered<string | null | undefined>('copil.since', undefined);
  const [filters, setFilters] = useRemembered<Filters>('copil.filters', ALL);
  const [dialog, setDialog] = useState<null | 'csv' | { copil: Copil | null }>(null);
  const [reload, setReload] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  // Only the indicators the filters select come back (a contrat may hold hundreds).
  const read = useRead(() => {
    const f = { enjeuId: filters.enjeu || null, providerId: filters.provider || null, status: (filters.status || null) as (typeof STATUSES)[number] | null };
    return invoke('indicators.dashboard', since === undefined ? { docId: doc.docId, filters: f } : { docId: doc.docId, since, filters: f });
  }, [doc.docId, revision, since, reload, filters]);
  const data = read.value;
  const error = read.error?.message ?? null;

  const firstFocusReq = useRef(focusReq);
  useEffect(() => {
    if (arrived || focusReq !== firstFocusReq.current) heading.current?.focus();
  }, [arrived, focusReq]);

  const close = useCallback((msg?: string) => {
    setDialog(null);
    if (msg) {
      announce(msg);
      setReload((n) => n + 1);
    }
  }, [announce]);
  const open = (d: NonNullable<typeof dialog>) => setDialog(d);

  const enjeux = useMemo(() => new Map((data?.enjeux ?? []).map((e) => [e.id, e.title] as const)), [data]);
  const partners = useMemo(() => new Map((data?.partners ?? []).map((p) => [p.id, p.name] as const)), [data]);
  const shown = useMemo(() => data?.indicators ?? [], [data]);
  const counts = useMemo(() => {
    const c = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
    for (const i of shown) c[i.status]++;
    return c;
  }, [shown]);

  return (
    <main className="copil-screen" aria-labelledby="copil-dash-title">
      <div className="copil-head">
        <h2 id="copil-dash-title" ref={heading} tabIndex={-1}>Tableau de bord COPIL</h2>
        <div className="copil-actions no-print">
          <button type="button" className="btn btn-secondary" disabled={readOnly} onClick={() => open('csv')}>Importer des mesures (CSV)…</button>
          <button type="button" className="btn btn-secondary" disabled={readOnly} onClick={() => open({ copil: null })}>Enregistrer un COPIL…</button>
          <button type="button" className="btn btn-tertiary" onClick={() => window.print()}>Imprimer</button>
        </div>
      </div>
      {error && <p role="alert" className="field-error">{error}</p>}
      {!data && !error && <p role="status">Chargement du tableau de bord…</p>}
      {data && (
        <>
          <p className="print-only print-title">{doc.contrat.name} — tableau de bord du COPIL, {new Date().toLocaleDateString('fr-FR')}</p>
          <section className="dash-section" aria-labelledby="ind-title">
            <div className="dash-bar">
            <h2 id="ind-title">Indicateurs</h2>
            <div className="dash-filters no-print" role="group" aria-label="Filtres">
              <div className="field">
                <label htmlFor="f-enjeu">Enjeu</label>
                <select id="f-enjeu" value={filters.enjeu} onChange={(e) => setFilters({ ...filters, enjeu: e.target.value })}>
                  <option value="">Tous les enjeux</option>
                  {data.enjeux.map((e) => <option key={e.id} value={e.id}>{e.title}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="f-provider">Fournisseur des données</label>
                <select id="f-provider" value={filters.provider} onChange={(e) => setFilters({ ...filters, provider: e.target.value })}>
                  <option value="">Tous les partenaires</option>
                  {data.partners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="f-status">Statut</label>
                <select id="f-status" value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value })}>
                  <option value="">Tous les statuts</option>
                  {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
                </select>
              </div>
            </div>
            </div>
            <div className="dash-status-line">
            <p className="status-summary" aria-live="polite">
              {countOf(shown.length, 'indicateur')} : {STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${STATUS_LABELS[s].toLowerCase()}`).join(', ') || 'aucun'}.
            </p>
            <details className="status-rule">
              <summary>Comment le statut est calculé (au {new Date(`${data.today}T00:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'UTC' })})</summary>
              <ul>{STATUS_RULE_TEXT.map((t) => <li key={t}>{t}</li>)}</ul>
            </details>
            </div>
            <DashboardIndicators list={shown} enjeux={enjeux} partners={partners} />
          </section>
          <TagCountsTable tags={data.tags} />
          <SinceList since={data.since} copils={data.copils} onSince={(d) => setSince(d)} />
          <CopilMeetings copils={data.copils} readOnly={readOnly} onEdit={(c) => open({ copil: c })} onChanged={(m) => { announce(m); setReload((n) => n + 1); }} />
          <section className="dash-section commitments-slot" aria-labelledby="commitments-title">
            <h2 id="commitments-title">Engagements des partenaires</h2>
            <LateCommitmentsSummary />
          </section>
        </>
      )}
      {dialog === 'csv' && <CsvImportDialog onCancel={() => close()} onImported={(n) => close(`${countOf(n, 'mesure importée', 'mesures importées')} (Ctrl+Z pour annuler).`)} />}
      {dialog && dialog !== 'csv' && <CopilDialog copil={dialog.copil} onCancel={() => close()} onSaved={(t) => close(`COPIL « ${t} » enregistré.`)} />}
    </main>
  );
}
