// The facilitator's controls while a workshop runs: the item shown to the room, deciding it (tag and reason), the
// review's walk (tree order or a filter, one item at a time), the timer, the audience view, the end.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { invoke } from '../../api';
import type { TreeNode, WorkshopLive } from '../../../core/api/contract';
import { KIND_LABELS, TAG_KEYS, TAG_LABELS, TAGS, type Tag } from '../../../core/domain/tree';
import { TagBadge } from '../../ui/TagBadge';
import { TagIcon } from '../../ui/icons';
import { clock, useRemaining } from './events';
import { place, REVIEW_FILTERS, step, type ReviewFilter } from './review';
import { nounFor } from '../../lib/text';

interface Props {
  docId: string;
  readOnly: boolean;
  live: WorkshopLive;
  nodes: TreeNode[];
  filter: ReviewFilter;
  setFilter: (f: ReviewFilter) => void;
  /** Sends the new live state (the server pushes it to the audience). */
  show: (itemId: string | null, filter: ReviewFilter) => Promise<boolean>;
  edited: () => Promise<void>;
  /** Bumped when the item's heading should take the focus (after a step of the review). */
  focusItem: number;
  announce: (text: string) => void;
  onOpenAudience: () => void;
  onEnd: () => void;
  onAbandon: () => void;
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
  // The reason being written belongs to one item: `draft` says which, and whether it was typed since it was opened.
  // Saving reads the ref, never a render's closure, so a blur that lands after the review moved on saves nothing.
  const [reason, setReason] = useState(current?.tagNote ?? '');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const draft = useRef<{ id: string; dirty: boolean }>({ id: current?.id ?? '', dirty: false });
  // How many messages this panel has announced: a save's confirmation that comes back after a newer one (Échap, a
  // decision, the end of the review) is dropped instead of replacing it in the status line.
  const said = useRef(0);
  const say = (text: string) => {
    said.current++;
    p.announce(text);
  };
  const reasonField = useRef<HTMLTextAreaElement>(null);
  // Layout effects: they run in the same task as the render that shows a new item, so a key that comes as soon as the
  // room sees it (R from a remote) finds the field and the focus already set for that item, never reset after it.
  useLayoutEffect(() => {
    // Never replace what is in the field while it is being written for this same item (opened by R, or typed into).
    const writing = draft.current.dirty || document.activeElement === reasonField.current;
    if (writing && draft.current.id === current?.id) return;
    draft.current = { id: current?.id ?? '', dirty: false };
    setReason(current?.tagNote ?? '');
  }, [current?.id, current?.tagNote]);
  const [duration, setDuration] = useState(120);
  // The step's answer can come after the room already shows the item (pushed to every view first) and after R opened
  // its reason: the heading then leaves the focus where the facilitator is writing.
  useLayoutEffect(() => {
    if (p.focusItem && document.activeElement !== reasonField.current) document.getElementById('atelier-element')?.focus();
  }, [p.focusItem, current?.id]);
  const remaining = useRemaining(live.timer);
  const { position, total } = place(nodes, p.filter, live.currentId);

  async function decide(tag: Tag | null) {
    if (!current || p.readOnly) return;
    const before = said.current;
    const r = await invoke('tree.update', { docId: p.docId, id: current.id, patch: { tag } });
    if (!r.ok) return say(r.error.message);
    await p.edited();
    if (said.current === before) say(tag ? `« ${current.title} » : ${TAG_LABELS[tag]}.` : `Décision retirée pour « ${current.title} ».`);
  }

  /** Saves the reason typed, if any (once: a second call finds nothing to save). False when it was refused. */
  async function saveReason(): Promise<boolean> {
    const d = draft.current;
    const item = nodes.find((n) => n.id === d.id);
    if (!d.dirty || !item || p.readOnly) return true;
    const text = (reasonField.current?.value ?? reason).trim();
    if (text.length > 5000) {
      setReasonError(`La raison est trop longue : ${text.length} caractères, 5 000 au plus. Rien n’a été enregistré.`);
      return false;
    }
    d.dirty = false;
    setReasonError(null);
    if (text === (item.tagNote ?? '')) return true;
    const before = said.current;
    const r = await invoke('tree.update', { docId: p.docId, id: item.id, patch: { tagNote: text || null } });
    if (!r.ok) {
      d.dirty = true;
      setReasonError(r.error.message);
      return false;
    }
    await p.edited();
    if (said.current === before) say('Raison enregistrée.');
    return true;
  }

  /** Back to the review from the reason: the item's heading takes the focus, so that keys decide and walk again. */
  function backToReview() {
    document.getElementById('atelier-element')?.focus();
  }

  /** R: the reason opens for editing, the cursor at its end after a space, so that new words never glue to the old. */
  function openReason() {
    const t = reasonField.current;
    if (!t || !current) return;
    // The field's text is the item's reason unless something was typed for this item; never a previous item's text.
    const kept = draft.current.dirty && draft.current.id === current.id ? t.value : (current.tagNote ?? '');
    if (draft.current.id !== current.id) draft.current = { id: current.id, dirty: false };
    const value = kept && !/\s$/.test(kept) ? kept + ' ' : kept;
    flushSync(() => setReason(value));
    t.focus();
    t.setSelectionRange(value.length, value.length);
  }

  /** Leaves the reason for the review's heading at once (no key lands in it any more), saving what was typed. */
  async function leaveReason(): Promise<boolean> {
    const saving = saveReason();
    backToReview();
    const ok = await saving;
    if (!ok) reasonField.current?.focus();
    return ok;
  }

  // The review's walk, one step after the other: a remote's Page suivante pressed twice quickly moves twice, each step
  // from where the one before it arrived (`at`), never twice from the same item.
  const walking = useRef<Promise<void>>(Promise.resolve());
  const steps = useRef(0);
  const at = useRef(live.currentId);
  if (steps.current === 0) at.current = live.currentId;

  function go(dir: 1 | -1): Promise<void> {
    steps.current++;
    const fromReason = document.activeElement === reasonField.current;
    const run = walking.current.then(async () => {
      try {
        if (!(await (fromReason ? leaveReason() : saveReason()))) return;
        const next = step(nodes, p.filter, at.current, dir);
        if (!next) {
          backToReview();
          return say(dir === 1 ? 'Fin de la revue : plus d’élément après celui-ci.' : 'Début de la revue : aucun élément avant celui-ci.');
        }
        if (await p.show(next.id, p.filter)) at.current = next.id;
      } finally {
        steps.current--;
      }
    });
    walking.current = run.catch(() => undefined);
    return run;
  }

  async function timer(action: 'start' | 'pause' | 'resume' | 'stop') {
    const r = await invoke('workshop.timer', { docId: p.docId, timer: action === 'start' ? { action, seconds: duration } : { action } });
    if (!r.ok) say(r.error.message);
  }

  // Keys of the review (not while typing): 1–6 decide, 0 clears, Page suivante / précédente walk (as a presenter's
  // remote sends), R opens the reason. In the reason: Ctrl+Entrée saves and comes back, Échap comes back without
  // saving, Page suivante / précédente save and walk on (a remote has no other key).
  const keys = useRef({ decide, go, openReason });
  keys.current = { decide, go, openReason };
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
        keys.current.openReason();
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
          {current ? `${position} sur ${total}` : `${total} ${nounFor(total, 'élément')} à passer en revue`}
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
                ref={reasonField}
                onChange={(e) => {
                  draft.current = { id: current.id, dirty: true };
                  setReason(e.target.value);
                }}
                onBlur={() => void saveReason()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    void leaveReason();
                  } else if (e.key === 'Escape') {
                    e.preventDefault();
                    const typed = draft.current.dirty;
                    draft.current.dirty = false;
                    setReason(current.tagNote ?? '');
                    setReasonError(null);
                    backToReview();
                    if (typed) say('Raison laissée telle qu’elle était : rien n’a été enregistré.');
                  } else if ((e.key === 'PageDown' || e.key === 'PageUp') && !e.ctrlKey && !e.altKey && !e.metaKey) {
                    e.preventDefault();
                    void go(e.key === 'PageDown' ? 1 : -1);
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
        <button type="button" className="btn btn-tertiary" onClick={p.onAbandon} disabled={p.readOnly}>
          Abandonner l’atelier…
        </button>
      </div>
    </div>
  );
}
