// « Atelier »: start a workshop, walk the items with the room, end it and read its minutes. The audience view
// (AudienceView.tsx, in another tab or window) follows this page through the pushed events.
import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke, shell } from '../../api';
import type { Minutes, TreeNode, WorkshopState } from '../../../core/api/contract';
import { useDoc, useRemembered } from '../../app/doc-context';
import { formatHash } from '../../lib/route';
import { Modal } from '../../ui/Modal';
import { countOf } from '../../lib/text';
import { useRemoteRevision, useWorkshopEvents } from './events';
import { MinutesView } from './MinutesView';
import { place, REVIEW_FILTERS, type ReviewFilter } from './review';
import { ReviewPanel } from './ReviewPanel';
import { StartWorkshop } from './StartWorkshop';
import { AttendeesDialog } from './AttendeesDialog';

/** Opens the audience view: a second window in Electron (full screen on the second display), else a second tab. */
export function openAudience(path: string): void {
  const s = shell();
  if (s?.openAudience) {
    void s.openAudience(path);
    return;
  }
  // Not « noopener »: the new tab gets this tab's session (the harness's key) and is the same application.
  window.open(location.pathname + formatHash({ name: 'salle', path }), 'trame-salle');
}

export function WorkshopScreen() {
  const { doc, readOnly, announce, showError, revision, arrived, focusReq } = useDoc();
  const docId = doc.docId;
  const [state, setState] = useState<WorkshopState | null>(null);
  const [nodes, setNodes] = useState<TreeNode[]>([]);
  const [filter, setFilter] = useRemembered<ReviewFilter>('atelier.filtre', 'non-decide');
  const [minutes, setMinutes] = useState<{ minutes: Minutes; text: string } | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [confirmAbandon, setConfirmAbandon] = useState(false);
  const [editAttendees, setEditAttendees] = useState(false);
  /** Bumped when the item shown changes from here: the item's heading takes the focus (keys 1–6 act on it). */
  const [focusItem, setFocusItem] = useState(0);
  const remote = useRemoteRevision(docId);
  const top = useRef<HTMLHeadingElement>(null);

  const loadState = useCallback(async () => {
    const r = await invoke('workshop.state', { docId });
    if (r.ok) setState(r.value);
    else showError(r.error);
  }, [docId, showError]);
  const loadTree = useCallback(async () => {
    const r = await invoke('tree.get', { docId });
    if (r.ok) setNodes(r.value.nodes);
    else showError(r.error);
  }, [docId, showError]);

  useEffect(() => {
    void loadState();
  }, [loadState]);
  // The items: at first, after an edit made elsewhere (another page, Ctrl+Z from the shell).
  useEffect(() => {
    void loadTree();
  }, [loadTree, revision, remote]);
  useWorkshopEvents(docId, (live) => setState((s) => (s ? { ...s, live: live.ended ? null : live } : s)));
  useEffect(() => {
    if (arrived || focusReq) top.current?.focus();
  }, [arrived, focusReq]);

  const show = useCallback(
    async (itemId: string | null, f: ReviewFilter) => {
      const label = REVIEW_FILTERS.find((x) => x.id === f)!.label;
      const r = await invoke('workshop.show', { docId, itemId, review: { label, ...place(nodes, f, itemId) } });
      if (!r.ok) {
        showError(r.error);
        return false;
      }
      setState((s) => (s ? { ...s, live: r.value } : s));
      setFocusItem((n) => n + 1);
      return true;
    },
    [docId, nodes, showError],
  );

  /** « Terminer » (the minutes are shown) or « Abandonner » (back to the start, no minutes): the dialog closes first. */
  async function finish(how: 'end' | 'abandon') {
    setConfirmEnd(false);
    setConfirmAbandon(false);
    if (how === 'end') {
      const r = await invoke('workshop.end', { docId });
      if (!r.ok) return showError(r.error);
      setMinutes(r.value);
      announce('Atelier terminé : voici son relevé.');
      return void loadState();
    }
    const r = await invoke('workshop.abandon', { docId });
    if (!r.ok) return showError(r.error);
    setState(r.value);
    announce('Atelier abandonné, sans relevé. Les décisions prises pendant l’atelier restent dans le contrat.');
    top.current?.focus();
  }

  async function openMinutes(workshopId: string) {
    const r = await invoke('workshop.minutes', { docId, workshopId });
    if (r.ok) setMinutes(r.value);
    else showError(r.error);
  }

  // « Retour aux ateliers »: the focus goes back to that workshop's line among the past ones (or the screen's title).
  const backTo = useRef<string | null>(null);
  useEffect(() => {
    if (minutes || backTo.current === null) return;
    const line = document.querySelector<HTMLElement>(`[data-atelier="${CSS.escape(backTo.current)}"]`);
    backTo.current = null;
    (line ?? top.current)?.focus();
  }, [minutes, state]);

  if (minutes)
    return (
      <main className="workshop">
        <MinutesView
          {...minutes}
          onBack={() => {
            backTo.current = minutes.minutes.workshopId;
            setMinutes(null);
          }}
        />
      </main>
    );

  return (
    <main className="workshop" aria-labelledby="atelier-titre-ecran">
      <h2 id="atelier-titre-ecran" className="workshop-title" ref={top} tabIndex={-1}>
        {state?.active ? `Atelier en cours : « ${state.active.title} »` : 'Atelier'}
      </h2>
      {state === null ? (
        <p role="status">Chargement…</p>
      ) : state.active && state.live ? (
        <>
          <div className="workshop-attendees">
            <p>
              {state.active.attendees.length === 0
                ? 'Personne n’a été noté présent.'
                : `Présents (${state.active.attendees.length}) : ${state.active.attendees.map((a) => a.name).join(', ')}.`}
            </p>
            <button type="button" className="btn btn-tertiary btn-small" disabled={readOnly} onClick={() => setEditAttendees(true)}>
              Corriger les présents…
            </button>
          </div>
          <ReviewPanel
            docId={docId}
            readOnly={readOnly}
            live={state.live}
            nodes={nodes}
            filter={filter}
            setFilter={setFilter}
            show={show}
            edited={loadTree}
            focusItem={focusItem}
            announce={announce}
            onOpenAudience={() => openAudience(doc.path)}
            onEnd={() => setConfirmEnd(true)}
            onAbandon={() => setConfirmAbandon(true)}
          />
        </>
      ) : (
        <>
          <StartWorkshop
            docId={docId}
            readOnly={readOnly}
            partners={state.partners}
            onStarted={(s) => {
              setState(s);
              announce('Atelier démarré. « Ouvrir la vue salle » montre l’élément en cours à la salle.');
              requestAnimationFrame(() => top.current?.focus());
            }}
          />
          {state.past.length > 0 && (
            <section className="workshop-past" aria-labelledby="ateliers-passes">
              <h2 id="ateliers-passes">Ateliers passés</h2>
              <ul>
                {state.past.map((w) => (
                  <li key={w.id}>
                    <button type="button" className="link-button" data-atelier={w.id} onClick={() => void openMinutes(w.id)}>
                      {w.title}
                    </button>{' '}
                    <span className="muted">
                      — {new Date(w.startedAt).toLocaleDateString('fr-FR', { dateStyle: 'long' })}, {countOf(w.attendees.length, 'présent')}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {editAttendees && state?.active && (
        <AttendeesDialog
          docId={docId}
          partners={state.partners}
          attendees={state.active.attendees}
          onClose={(next) => {
            setEditAttendees(false);
            if (next) {
              setState(next);
              announce(`Présents corrigés : ${next.active?.attendees.length ?? 0} dans le relevé de l’atelier.`);
            }
          }}
        />
      )}
      {confirmAbandon && (
        <Modal title="Abandonner l’atelier ?" onCancel={() => setConfirmAbandon(false)}>
          <p>
            L’atelier « {state?.active?.title} » sera retiré sans relevé, avec sa liste de présents. Les décisions prises
            pendant l’atelier restent dans le contrat : Ctrl+Z les annule une à une.
          </p>
          <div className="actions">
            <button type="button" className="btn btn-secondary" autoFocus onClick={() => setConfirmAbandon(false)}>
              Continuer l’atelier
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void finish('abandon')}>
              Abandonner sans relevé
            </button>
          </div>
        </Modal>
      )}
      {confirmEnd && (
        <Modal title="Terminer l’atelier ?" onCancel={() => setConfirmEnd(false)}>
          <p>
            Le relevé de l’atelier sera établi à partir des modifications faites depuis son début : présents, décisions,
            éléments ajoutés, retirés, déplacés et renommés. Il est gardé dans le contrat.
          </p>
          <div className="actions">
            <button type="button" className="btn btn-primary" autoFocus onClick={() => void finish('end')}>
              Terminer et établir le relevé
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmEnd(false)}>
              Continuer l’atelier
            </button>
          </div>
        </Modal>
      )}
    </main>
  );
}
