// « Journal des modifications »: who changed what and when, newest first, as the file's change journal records it
// (journal.list). Undone steps stay listed, marked « annulée ». Useful in a COPIL to say what moved since the last one.
import { useEffect, useRef } from 'react';
import { invoke } from '../../api';
import { useDoc } from '../../app/doc-context';
import { formatDateTime } from '../../lib/dates';
import { countOf } from '../../lib/text';
import { useRead } from '../../lib/useRead';

/** How many steps are listed (the newest ones). */
export const JOURNAL_LIMIT = 500;

export function JournalScreen() {
  const { doc, focusReq, arrived, revision } = useDoc();
  const { value: entries, error } = useRead(() => invoke('journal.list', { docId: doc.docId, limit: JOURNAL_LIMIT }), [doc.docId, revision]);
  const heading = useRef<HTMLHeadingElement>(null);

  // Coming here from another screen, or when the shell gives the focus back: on the heading, read first.
  const firstFocusReq = useRef(focusReq);
  useEffect(() => {
    if (arrived || focusReq !== firstFocusReq.current) heading.current?.focus();
  }, [arrived, focusReq]);

  const done = entries?.filter((e) => !e.undone).length ?? 0;
  return (
    <main className="journal" aria-labelledby="journal-title">
      <div className="journal-head">
        <h2 id="journal-title" ref={heading} tabIndex={-1}>
          Journal des modifications
        </h2>
        {entries !== null && entries.length > 0 && (
          <p className="journal-summary">
            {countOf(entries.length, 'modification')}
            {entries.length >= JOURNAL_LIMIT ? ' (les plus récentes)' : ''}, de la plus récente à la plus ancienne
            {done < entries.length ? ` ; ${countOf(entries.length - done, 'annulée')}` : ''}
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="field-error journal-error">
          {error.message}
        </p>
      )}
      {entries === null && !error && <p role="status">Chargement du journal…</p>}
      {entries !== null && entries.length === 0 && (
        <p className="journal-empty">
          Aucune modification pour l’instant. Chaque modification de l’arbre s’inscrira ici, avec son auteur, sa date et son heure.
        </p>
      )}
      {entries !== null && entries.length > 0 && (
        <div className="journal-scroll">
          <table className="journal-table">
            <caption className="sr-only">Modifications du contrat, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Date et heure</th>
                <th scope="col">Modification</th>
                <th scope="col">Auteur</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className={e.undone ? 'is-undone' : undefined}>
                  <td className="journal-date">
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td className="journal-label">{e.label}</td>
                  <td>{e.author}</td>
                  <td>{e.undone ? <span className="journal-undone">annulée</span> : <span className="journal-kept">en vigueur</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
