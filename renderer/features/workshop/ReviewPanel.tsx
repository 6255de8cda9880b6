// The facilitator's controls while a workshop runs: the item shown to the room, deciding it (tag and reason), the
// review's walk (tree order or a filter, one item at a time), the timer, the audience view, the end.
import { useEffect, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { TreeNode, WorkshopLive } from '../../../core/api/contract';
import { KIND_LABELS, TAG_KEYS, TAG_LABELS, TAGS, type Tag } from '../../../core/domain/tree';
import { TagBadge } from '../../ui/TagBadge';
import { TagIcon } from '../../ui/icons';
import { clock, useRemaining } from './events';
import { place, REVIEW_FILTERS, step, type ReviewFilter } from './review';

interface Props {
  docId: string;
  readOnly: boolean;
  live: WorkshopLive;
  nodes: TreeNode[];
  filter: ReviewFilter;
  setFilter: (f: ReviewFilter) => void;
  /** Sends the new live state (the server pushes it to the audience). */
  show: (itemId: string | null, filter: ReviewFilter) => Promise<void>;
  edited: () => Promise<void>;
  /** Bumped when the item's heading should take the focus (after a step of the review). */
  focusItem: number;
  announce: (text: string) => void;
  onOpenAudience: () => void;
  onEnd: () => void;
}

const DURATIONS = [60, 120, 180, 300, 600];

function isEditable(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && !!el.closest('input, textarea, select, [contenteditable="true"]');
}

export function ReviewPanel(p: Props) {
  const { live, nodes } = p;
  const current = nodes.find((n) => n.id === live.currentId) ?? null;
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const parents: TreeNode[] = [];
  for (let x = current?.parentId ?? null; x; x = byId.get(x)?.parentId ?? null) {
    const n = byId.get(x);
    if (!n) break;
    parents.unshift(n);
  }
  const [reason, setReason] = useState(current?.tagNote ?? '');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const typing = useRef(false);
  useEffect(() => {
    if (!typing.current) setReason(current?.tagNote ?? '');
  }, [current?.id, current?.tagNote]);
  const [duration, setDuration] = useState(120);
  useEffect(() => {
    if (p.focusItem) document.getElementById('atelier-element')?.focus();
  }, [p.focusItem, current?.id]);
  const remaining = useRemaining(live.timer);
  const { position, total } = place(nodes, p.filter, live.currentId);

  async function decide(tag: Tag | null) {
    if (!current || p.readOnly) return;
    const r = await invoke('tree.update', { docId: p.docId, id: current.id, patch: { tag } });
    if (!r.ok) return p.announce(r.error.message);
    await p.edited();
    p.announce(tag ? `« ${current.title} » : ${TAG_LABELS[tag]}.` : `Décision retirée pour « ${current.title} ».`);
  }

  async function saveReason() {
    typing.current = false;
    if (!current || p.readOnly || reason.trim() === (current.tagNote ?? '')) return;
    if (reason.length > 5000) {
      setReasonError(`La raison est trop longue : ${reason.length} caractères, 5 000 au plus. Rien n’a été enregistré.`);
      return;
    }
    setReasonError(null);
    const r = await invoke('tree.update', { docId: p.docId, id: current.id, patch: { tagNote: reason.trim() || null } });
    if (!r.ok) return setReasonError(r.error.message);
    await p.edited();
    p.announce('Raison enregistrée.');
  }

  async function go(dir: 1 | -1) {
    const next = step(nodes, p.filter, live.currentId, dir);
    if (!next) return p.announce(dir === 1 ? 'Fin de la revue : plus d’élément après celui-ci.' : 'Début de la revue : aucun élément avant celui-ci.');
    await saveReason();
    await p.show(next.id, p.filter);
  }

  async function timer(action: 'start' | 'pause' | 'resume' | 'stop') {
    const r = await invoke('workshop.timer', { docId: p.docId, timer: action === 'start' ? { action, seconds: duration } : { action } });
    if (!r.ok) p.announce(r.error.message);
  }

  // Keys of the review (not while typing): 1–6 decide, 0 clears, Page suivante / précédente walk (as a presenter's
  // remote sends), R goes to the reason.
  const keys = useRef({ decide, go });
  keys.current = { decide, go };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target) || document.querySelector('dialog[open]')) return;
      if (e.key === 'PageDown' || e.key === 'PageUp') {
        e.preventDefault();
        void keys.current.go(e.key === 'PageDown' ? 1 : -1);
      } else if (e.key in TAG_KEYS || e.key === '0') {
        e.preventDefault();
        void keys.current.decide(e.key === '0' ? null : TAG_KEYS[e.key]);
      } else if (e.key === 'r' || e.key === 'R') {
        e.preventDefault();
        const t = document.getElementById('atelier-raison') as HTMLTextAreaElement | null;
        t?.focus();
        t?.setSelectionRange(t.value.length, t.value.length);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="workshop-review">
      <div className="workshop-bar" role="group" aria-label="Revue des éléments">
        <label htmlFor="atelier-filtre">Passer en revue</label>
        <select
          id="atelier-filtre"
          value={p.filter}
          onChange={(e) => {
            const f = e.target.value as ReviewFilter;
            p.setFilter(f);
            void p.show(live.currentId, f);
          }}
        >
          {REVIEW_FILTERS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-secondary" onClick={() => void go(-1)} aria-keyshortcuts="PageUp">
          ← Précédent
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void go(1)} aria-keyshortcuts="PageDown">
          {live.currentId ? 'Suivant →' : 'Commencer la revue →'}
        </button>
        <span className="workshop-place" aria-live="polite">
          {current ? `${position} sur ${total}` : `${total} élément${total > 1 ? 's' : ''} à passer en revue`}
        </span>
      </div>

      <section className="workshop-current" aria-labelledby="atelier-element">
        {current ? (
          <>
            {parents.length > 0 && (
              <p className="workshop-parents">
                <span className="sr-only">Dans : </span>
                {parents.map((n) => n.title).join(' › ')}
              </p>
            )}
            <h3 id="atelier-element" tabIndex={-1}>
              <span className="workshop-kind">{KIND_LABELS[current.kind]} : </span>
              {current.title}
            </h3>
            <p className="workshop-tag">
              Décision : <TagBadge tag={current.tag} />
            </p>
            <div className="workshop-tags" role="group" aria-label="Décider">
              {TAGS.map((t, i) => (
                <button
                  key={t}
                  type="button"
                  className="btn btn-tertiary workshop-tag-btn"
                  aria-pressed={current.tag === t}
                  aria-keyshortcuts={String(i + 1)}
                  disabled={p.readOnly}
                  onClick={() => void decide(t)}
                >
                  <TagIcon tag={t} /> <kbd aria-hidden="true">{i + 1}</kbd> {TAG_LABELS[t]}
                </button>
              ))}
              <button type="button" className="btn btn-tertiary" aria-keyshortcuts="0" disabled={p.readOnly || current.tag === null} onClick={() => void decide(null)}>
                <kbd aria-hidden="true">0</kbd> Sans décision
              </button>
            </div>
            <div className="field">
              <label htmlFor="atelier-raison">Pourquoi ce choix ?</label>
              <textarea
                id="atelier-raison"
                rows={3}
                value={reason}
                disabled={p.readOnly}
                aria-keyshortcuts="R"
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? 'atelier-raison-error' : undefined}
                onChange={(e) => {
                  typing.current = true;
                  setReason(e.target.value);
                }}
                onBlur={() => void saveReason()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    void saveReason();
                  } else if (e.key === 'Escape') {
                    e.preventDefault();
                    (document.getElementById('atelier-element') as HTMLElement | null)?.focus();
                  }
                }}
              />
              {reasonError && (
                <p id="atelier-raison-error" className="field-error">
                  {reasonError}
                </p>
              )}
            </div>
          </>
        ) : (
          <h3 id="atelier-element" tabIndex={-1}>
            Aucun élément montré à la salle : « Commencer la revue » montre le premier.
          </h3>
        )}
      </section>

      <div className="workshop-bar" role="group" aria-label="Minuteur">
        <label htmlFor="atelier-duree">Minuteur</label>
        <select id="atelier-duree" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
          {DURATIONS.map((d) => (
            <option key={d} value={d}>
              {d / 60} min
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-secondary" onClick={() => void timer('start')} disabled={!current}>
          {live.timer ? 'Relancer' : 'Lancer'}
        </button>
        {live.timer && live.timer.endsAt !== null && (
          <button type="button" className="btn btn-secondary" onClick={() => void timer('pause')}>
            Pause
          </button>
        )}
        {live.timer && live.timer.endsAt === null && (
          <button type="button" className="btn btn-secondary" onClick={() => void timer('resume')}>
            Reprendre
          </button>
        )}
        {live.timer && (
          <button type="button" className="btn btn-secondary" onClick={() => void timer('stop')}>
            Arrêter
          </button>
        )}
        <span className="workshop-clock" role="timer" aria-label="Temps restant">
          {remaining === null ? 'pas de minuteur' : clock(remaining)}
        </span>
      </div>

      <div className="actions workshop-end">
        <button type="button" className="btn btn-secondary" onClick={p.onOpenAudience}>
          Ouvrir la vue salle
        </button>
        <button type="button" className="btn btn-primary" onClick={p.onEnd} disabled={p.readOnly}>
          Terminer l’atelier…
        </button>
      </div>
    </div>
  );
}
