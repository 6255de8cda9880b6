// « Engagements »: the late list first (what a délégué du préfet opens before a COPIL), the matrix partner × enjeu,
// the droit commun / crédits spécifiques split, then every commitment with filters. Dialogs for a new commitment,
// a status change (with its history) and the CSV export. The first screen is drawn from commitments.overview
// (counts and sums read in SQL, the late commitments as lines); the full commitments (commitments.view: items,
// history, progress) are read once it is drawn, for the list below, a cell's details and the dialogs.
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { invoke } from '../../api';
import { enjeuxOf, lateList, matrixCounts, NO_ENJEU, todayIso, type CommitmentLine, type CommitmentView } from '../../../core/domain/commitments';
import type { CommitmentStatus } from '../../../core/domain/format-types';
import { useDoc } from '../../app/doc-context';
import { LargeTextContext } from '../../app/large-text';
import { focusNearAfterRemoval } from '../../ui/focus';
import { countOf, nounFor } from '../../lib/text';
import { CommitmentDialog } from './CommitmentDialog';
import { CommitmentTable } from './CommitmentTable';
import { CsvDialog } from './CsvDialog';
import { useCommitmentsOverview, useCommitmentsView, useEdit } from './data';
import { FundingTable } from './FundingSummary';
import { StatusOptions } from './labels';
import { Matrix, type CellRef } from './Matrix';
import { StatusDialog } from './StatusDialog';

type Dialog = { kind: 'new' } | { kind: 'edit'; c: CommitmentView } | { kind: 'status'; id: string } | { kind: 'csv'; late: boolean } | null;

export function CommitmentsScreen() {
  const { doc, readOnly, focusReq, arrived, showError } = useDoc();
  const largeText = useContext(LargeTextContext).on;
  const today = todayIso();
  const { overview, error: overviewError, reload: reloadOverview } = useCommitmentsOverview(today);
  // The full commitments once the first screen is there (a frame later, so that it is drawn first).
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!overview || drawn) return;
    const frame = requestAnimationFrame(() => setDrawn(true));
    return () => cancelAnimationFrame(frame);
  }, [overview, drawn]);
  const { view, error: viewError, reload: reloadView } = useCommitmentsView(undefined, drawn);
  const error = overviewError ?? viewError;
  const reload = useCallback(() => {
    reloadOverview();
    reloadView();
  }, [reloadOverview, reloadView]);
  const edit = useEdit(reload);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [cell, setCell] = useState<CellRef | null>(null);
  const [partner, setPartner] = useState('');
  const [status, setStatus] = useState<CommitmentStatus | ''>('');
  const [onlyLate, setOnlyLate] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const cellHeading = useRef<HTMLHeadingElement>(null);
  const allTitle = useRef<HTMLHeadingElement>(null);
  const matrixTitle = useRef<HTMLHeadingElement>(null);
  // The matrix cell's button that opened the commitments of a cell takes the focus back when they are closed.
  const cellOpener = useRef<HTMLElement | null>(null);
  const openCell = (c: CellRef) => {
    cellOpener.current = document.activeElement as HTMLElement | null;
    setCell(c);
  };
  const closeCell = () => {
    setCell(null);
    requestAnimationFrame(() => (cellOpener.current?.isConnected ? cellOpener.current : matrixTitle.current)?.focus());
  };

  const firstFocusReq = useRef(focusReq);
  useEffect(() => {
    if (arrived || focusReq !== firstFocusReq.current) heading.current?.focus();
  }, [arrived, focusReq]);
  useEffect(() => {
    if (cell) cellHeading.current?.focus();
  }, [cell]);

  const late = useMemo(() => (overview ? overview.late.map((l) => l.line) : []), [overview]);
  const matrix = useMemo(() => (overview ? matrixCounts(overview.partners, overview.enjeux, overview.cells) : null), [overview]);
  const funding = overview?.funding ?? null;
  const filtered = useMemo(() => {
    if (!view) return [];
    const lateIds = new Set(lateList(view.commitments, today).map((l) => l.commitment.id));
    return view.commitments.filter(
      (c) => (!partner || c.partnerId === partner) && (!status || c.status === status) && (!onlyLate || lateIds.has(c.id)),
    );
  }, [view, today, partner, status, onlyLate]);
  // A cell's commitments: the partner's, serving the enjeu (« Sans enjeu »: serving none), as matrixOf counts them.
  const cellList = useMemo(() => {
    if (!view || !cell) return [];
    return view.commitments.filter((c) => {
      if (c.partnerId !== cell.partnerId) return false;
      const enjeux = enjeuxOf(c);
      return cell.enjeuId === NO_ENJEU ? enjeux.length === 0 : enjeux.includes(cell.enjeuId);
    });
  }, [view, cell]);
  const statusOf = dialog?.kind === 'status' ? view?.commitments.find((c) => c.id === dialog.id) : undefined;

  const actions = {
    onStatus: (c: CommitmentLine) => setDialog({ kind: 'status', id: c.id }),
    onEdit: (c: CommitmentView) => setDialog({ kind: 'edit', c }),
    onRemove: (c: CommitmentView) => {
      // No confirmation: the deletion is one step that Ctrl+Z undoes, and the status line says so. The focus goes to
      // the next row's « Supprimer », or to the list's heading.
      const refocus = focusNearAfterRemoval(document.activeElement, () => allTitle.current);
      void edit(invoke('commitments.remove', { docId: doc.docId, id: c.id }), 'Engagement supprimé (Ctrl+Z pour l’annuler).').then((e) => (e ? showError(e) : refocus()));
    },
  };
  const close = (changed?: boolean) => {
    setDialog(null);
    if (changed) reload();
  };
  const partnerName = (id: string) => overview?.partners.find((p) => p.id === id)?.name ?? '';
  const enjeuTitle = (id: string) => matrix?.enjeux.find((e) => e.id === id)?.title ?? '';

  return (
    <main className="commitments-screen" aria-labelledby="commitments-title">
      <div className="screen-head">
        <h2 id="commitments-title" ref={heading} tabIndex={-1}>
          Engagements des partenaires
        </h2>
        {overview && <p className="screen-summary">{countOf(overview.count, 'engagement')}, dont {late.length} en retard</p>}
        {!readOnly && (
          <div className="screen-actions">
            <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })} disabled={!view || view.partners.length === 0}>
              Nouvel engagement
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setDialog({ kind: 'csv', late: false })}>
              Exporter en CSV
            </button>
          </div>
        )}
      </div>
      {error && (
        <p role="alert" className="field-error screen-pad">
          {error.message}
        </p>
      )}
      {!overview && !error && <p role="status" className="screen-pad">Chargement des engagements…</p>}
      {overview && matrix && funding && (
        <div className="screen-scroll">
          {overview.partners.length === 0 && <p className="screen-pad">Ajoutez d’abord les partenaires depuis l’écran « Partenaires » : les partenaires habituels s’y ajoutent en un clic.</p>}
          <section aria-labelledby="late-title" className="screen-section">
            <h3 id="late-title">En retard ({late.length})</h3>
            <p className="hint">Échéance passée, ni tenu ni abandonné ; le plus en retard d’abord. Une échéance « 2026 » ou « juin 2026 » court jusqu’au dernier jour.</p>
            {/* The latest first, short (three, two in larger text): the matrix starts within the first screen at 1024×768. */}
            <CommitmentTable caption="Engagements en retard" list={late} today={today} readOnly={readOnly} onStatus={actions.onStatus} limit={largeText ? 2 : 3} compact />
          </section>
          <section aria-labelledby="matrix-title" className="screen-section">
            <h3 id="matrix-title" ref={matrixTitle} tabIndex={-1}>Matrice partenaires × enjeux</h3>
            <Matrix matrix={matrix} onOpen={openCell} />
            {cell && (
              <div className="cell-detail">
                <h4 ref={cellHeading} tabIndex={-1}>
                  {partnerName(cell.partnerId)} — {enjeuTitle(cell.enjeuId)} ({countOf(view ? cellList.length : matrix.cells.get(cell.partnerId)?.get(cell.enjeuId)?.count ?? 0, 'engagement')})
                </h4>
                {view ? (
                  <CommitmentTable caption="Engagements de la case choisie" list={cellList} today={today} readOnly={readOnly} showPartner={false} {...actions} />
                ) : (
                  <p role="status">Chargement des engagements…</p>
                )}
                <button type="button" className="btn btn-tertiary" onClick={closeCell}>
                  Fermer la case
                </button>
              </div>
            )}
          </section>
          <section aria-labelledby="funding-title" className="screen-section below">
            <h3 id="funding-title">Droit commun et crédits spécifiques</h3>
            <p className="hint">Les crédits spécifiques de la politique de la ville ne doivent pas remplacer le droit commun.</p>
            {/* Below the first screen: its tables (a line per partner and per enjeu) are built once that is drawn. */}
            {drawn && (
              <div className="funding-grid">
                <FundingTable caption="Par partenaire" by="Partenaire" lines={funding.byPartner} total={funding.total} />
                <FundingTable caption="Par enjeu" by="Enjeu" lines={funding.byEnjeu} />
              </div>
            )}
          </section>
          <section aria-labelledby="all-title" className="screen-section below">
            <h3 id="all-title" ref={allTitle} tabIndex={-1}>Tous les engagements</h3>
            <div className="filters" role="group" aria-label="Filtres">
              <div className="field">
                <label htmlFor="f-partner">Partenaire</label>
                <select id="f-partner" value={partner} onChange={(e) => setPartner(e.target.value)}>
                  <option value="">Tous</option>
                  {overview.partners.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="f-status">Statut</label>
                <select id="f-status" value={status} onChange={(e) => setStatus(e.target.value as CommitmentStatus | '')}>
                  <option value="">Tous</option>
                  <StatusOptions />
                </select>
              </div>
              <div className="field field-check">
                <label>
                  <input type="checkbox" checked={onlyLate} onChange={(e) => setOnlyLate(e.target.checked)} /> En retard seulement
                </label>
              </div>
            </div>
            <p className="muted" role="status">
              {view ? `${countOf(filtered.length, 'engagement')} ${nounFor(filtered.length, 'affiché')}` : 'Chargement des engagements…'}
            </p>
            {view && <CommitmentTable caption="Engagements filtrés" list={filtered} today={today} readOnly={readOnly} {...actions} />}
          </section>
        </div>
      )}
      {view && (dialog?.kind === 'new' || dialog?.kind === 'edit') && (
        <CommitmentDialog partners={view.partners} initial={dialog.kind === 'edit' ? dialog.c : undefined} presetPartnerId={partner || undefined} onClose={close} />
      )}
      {statusOf && <StatusDialog commitment={statusOf} onClose={close} />}
      {dialog?.kind === 'csv' && <CsvDialog late={dialog.late} onClose={() => close()} />}
    </main>
  );
}
