// The minutes of a workshop (relevé de l'atelier) as a page: prints cleanly on A4 (@media print in styles.css) and
// copies as text. The data and the text come from the handlers (core/features/workshop/minutes.ts).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Minutes } from '../../../core/api/contract';
import { MINUTES_SECTIONS } from '../../../core/features/workshop/contract';
import { countOf } from '../../lib/text';
import { KIND_LABELS } from '../../../core/domain/tree';
import { TagBadge } from '../../ui/TagBadge';

const when = (iso: string, time = false) => {
  const d = new Date(iso);
  return time
    ? d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
};

function Item({ i }: { i: { kind: keyof typeof KIND_LABELS; title: string; path: string[] } }) {
  return (
    <>
      <span className="minutes-kind">{KIND_LABELS[i.kind]}</span> « {i.title} »
      {i.path.length > 0 && <span className="minutes-path"> — {i.path.join(' › ')}</span>}
    </>
  );
}

function Section<T>({ part, list, render }: { part: keyof typeof MINUTES_SECTIONS; list: T[]; render: (x: T) => ReactNode }) {
  const { title, empty } = MINUTES_SECTIONS[part];
  return (
    <section className="minutes-section">
      <h3>
        {title} ({list.length})
      </h3>
      {list.length === 0 ? <p className="muted">{empty}</p> : <ul>{list.map((x, k) => <li key={k}>{render(x)}</li>)}</ul>}
    </section>
  );
}

export function MinutesView({ minutes, text, onBack }: { minutes: Minutes; text: string; onBack: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const by = (x: { author: string; at: string }) => (
    <span className="minutes-by">
      {' '}
      — {x.author}, {when(x.at, true)}
    </span>
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Le texte du relevé est copié : collez-le dans un courriel ou un document.');
    } catch {
      setCopied('La copie a été refusée par le navigateur : sélectionnez le texte du relevé et copiez-le (Ctrl+C).');
    }
  }

  return (
    <article className="minutes" aria-labelledby="releve-titre">
      <div className="minutes-actions no-print">
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          Copier le texte
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
          Imprimer
        </button>
        <button type="button" className="btn btn-tertiary" onClick={onBack}>
          Retour aux ateliers
        </button>
        <p role="status" className="minutes-copied">
          {copied}
        </p>
      </div>
      <h2 id="releve-titre" ref={heading} tabIndex={-1}>
        Relevé de l’atelier « {minutes.title} »
      </h2>
      <p className="minutes-meta">
        {minutes.contrat.name} — {minutes.contrat.epci}
        <br />
        Du {when(minutes.startedAt)} au {when(minutes.endedAt)}, animé par {minutes.startedBy}.
      </p>
      <Section part="attendees" list={minutes.attendees} render={(a) => <>{a.name}{a.partnerId ? ' (partenaire du contrat)' : ''}</>} />
      <Section
        part="decisions"
        list={minutes.decisions}
        render={(d) => (
          <>
            <TagBadge tag={d.tag} /> <Item i={d} />
            <br />
            <span className="minutes-reason">{d.reason ? `Raison : ${d.reason}` : 'Sans raison écrite.'}</span>
            {by(d)}
          </>
        )}
      />
      <Section part="added" list={minutes.added} render={(a) => <><Item i={a} />{by(a)}</>} />
      <Section part="removed" list={minutes.removed} render={(r) => <><Item i={r} />{by(r)}</>} />
      <Section
        part="moved"
        list={minutes.moved}
        render={(m) => <><Item i={m} /> : de « {m.from ?? 'premier niveau'} » vers « {m.to ?? 'premier niveau'} »{by(m)}</>}
      />
      <Section
        part="renamed"
        list={minutes.renamed}
        render={(r) => <>« {r.from} » devient « {r.to} » ({KIND_LABELS[r.kind].toLowerCase()}){by(r)}</>}
      />
      <p className="minutes-count">
        {countOf(minutes.changes, 'modification')} pendant l’atelier.
      </p>
    </article>
  );
}
