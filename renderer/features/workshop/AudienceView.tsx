// The audience view (« vue salle »), for the projector: large type, high contrast, the item being discussed with its
// parents, its tag (colour, icon, text) and its reason, and the timer; nothing else, no control. It follows the
// facilitator's page through the pushed workshop events (the item with its tag and reason, the timer, the end).
import { useEffect, useState } from 'react';
import { invoke } from '../../api';
import type { AudienceItem, DocInfo, WorkshopLive } from '../../../core/api/contract';
import { KIND_LABELS, TAG_LABELS, TAG_FAMILY } from '../../../core/domain/tree';
import { TagIcon } from '../../ui/icons';
import { clock, useRemaining, useWorkshopEvents } from './events';

async function openForAudience(path: string): Promise<DocInfo | string> {
  let r = await invoke('doc.open', { path });
  if (!r.ok && r.error.code === 'deja-ouvert' && r.error.docId) r = await invoke('doc.info', { docId: r.error.docId });
  return r.ok ? r.value : r.error.message;
}

function Timer({ timer }: { timer: WorkshopLive['timer'] }) {
  const left = useRemaining(timer);
  if (left === null) return null;
  return (
    <p className={'audience-timer' + (left === 0 ? ' audience-timer-done' : '')} role="timer" aria-label="Temps restant">
      {clock(left)}
      {timer?.endsAt === null && <span className="audience-paused"> (en pause)</span>}
    </p>
  );
}

function Stage({ docId, initial }: { docId: string; initial: WorkshopLive | null }) {
  const [live, setLive] = useState<WorkshopLive | null>(initial);
  const [ended, setEnded] = useState(false);
  const item: AudienceItem | null = live?.item ?? null;
  // The item comes with each workshop event (the item shown, or a change that touched it): nothing to ask for.
  useWorkshopEvents(docId, (l) => {
    setEnded(l.ended);
    setLive(l.ended ? null : l);
  });
  useEffect(() => {
    if (item) performance.mark('trame:audience-item');
  }, [item]);

  if (ended) return <h1 className="audience-message">L’atelier est terminé. Merci à toutes et à tous.</h1>;
  if (!live) return <h1 className="audience-message">Aucun atelier en cours.</h1>;
  return (
    <>
      <header className="audience-top">
        <p className="audience-workshop">{live.title}</p>
        {live.review && live.review.position > 0 && (
          <p className="audience-place">
            {live.review.label} — {live.review.position} sur {live.review.total}
          </p>
        )}
        <Timer timer={live.timer} />
      </header>
      {item ? (
        <article className="audience-item" aria-labelledby="salle-titre">
          {item.parents.length > 0 && (
            <ol className="audience-parents" aria-label="Dans l’arbre">
              {item.parents.map((p) => (
                <li key={p.id}>
                  <span className="audience-kind">{KIND_LABELS[p.kind]}</span> {p.title}
                </li>
              ))}
            </ol>
          )}
          <p className="audience-kind">{KIND_LABELS[item.kind]}</p>
          <h1 id="salle-titre" className="audience-title">
            {item.title}
          </h1>
          <p
            className={'audience-tag ' + (item.tag ? `tag-${TAG_FAMILY[item.tag]} tag-v-${item.tag}` : 'tag-none')}
            data-tag={item.tag ?? ''}
          >
            <TagIcon tag={item.tag} /> {item.tag ? TAG_LABELS[item.tag] : 'Pas encore décidé'}
          </p>
          {item.reason && <p className="audience-reason">{item.reason}</p>}
        </article>
      ) : (
        <h1 className="audience-message">L’atelier va commencer.</h1>
      )}
    </>
  );
}

export function AudienceView({ path }: { path: string }) {
  const [doc, setDoc] = useState<DocInfo | null>(null);
  const [live, setLive] = useState<WorkshopLive | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Trame — vue salle';
    void openForAudience(path).then(async (d) => {
      if (typeof d === 'string') return setError(d);
      setDoc(d);
      const r = await invoke('workshop.state', { docId: d.docId });
      if (r.ok) setLive(r.value.live);
      else setError(r.error.message);
    });
  }, [path]);
  return (
    <main className="audience" aria-live="polite">
      {error ? (
        <h1 className="audience-message">{error}</h1>
      ) : doc && live !== undefined ? (
        <Stage docId={doc.docId} initial={live} />
      ) : (
        <h1 className="audience-message">Ouverture de la vue salle…</h1>
      )}
    </main>
  );
}
