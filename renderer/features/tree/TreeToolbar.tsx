// Above the tree, in one row: undo and redo, each naming the step it would take, the additions and the deletion (given
// by the screen), the filters by decision with their counts, and the details panel's fold (given by the screen). Up to
// 1440 px a filter shows its short name (« À garder… »); its accessible name and tooltip stay whole.
import type { ReactNode } from 'react';
import type { HistoryState } from '../../../core/api/contract';
import { FAMILY_LABELS, UNDECIDED_LABEL } from '../../../core/domain/tree';
import { nounFor } from '../../lib/text';
import type { Counts, Filter } from './rows';

/** Each filter has its Alt+letter, shown underlined in its name (`key` is the letter of `label` at `at`). */
export const FILTERS: { value: Filter; label: string; short: string; title: string; key: string; at: number }[] = [
  { value: 'all', label: 'Tout', short: 'Tout', title: 'Tous les éléments', key: 't', at: 0 },
  { value: 'ajouter', label: 'À ajouter', short: 'À ajouter', title: FAMILY_LABELS.ajouter, key: 'a', at: 2 },
  { value: 'garder', label: FAMILY_LABELS.garder, short: 'À garder…', title: FAMILY_LABELS.garder, key: 'g', at: 2 },
  { value: 'jeter', label: FAMILY_LABELS.jeter, short: 'À jeter…', title: FAMILY_LABELS.jeter, key: 'j', at: 2 },
  { value: 'undecided', label: UNDECIDED_LABEL, short: UNDECIDED_LABEL, title: 'Éléments sans décision', key: 'n', at: 0 },
];

/** A filter's name with its Alt letter underlined. */
function Keyed({ text, at }: { text: string; at: number }) {
  return (
    <>
      {text.slice(0, at)}
      <span className="filter-key">{text.charAt(at)}</span>
      {text.slice(at + 1)}
    </>
  );
}

/** The filter an Alt+letter asks for (by the letter typed, or the physical key where Alt changes the letter). */
export function filterForKey(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'key' | 'code'>): Filter | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const letter = /^[a-z]$/i.test(e.key) ? e.key.toLowerCase() : /^Key([A-Z])$/.exec(e.code)?.[1].toLowerCase();
  return FILTERS.find((f) => f.key === letter)?.value ?? null;
}

export function filterCount(counts: Counts, f: Filter): number {
  return f === 'all' ? counts.total : f === 'undecided' ? counts.undecided : counts[f];
}

interface TreeToolbarProps {
  history: HistoryState;
  readOnly: boolean;
  counts: Counts;
  filter: Filter;
  onFilter: (f: Filter) => void;
  onUndo: () => void;
  onRedo: () => void;
  /** After undo and redo: the additions and the deletion. */
  edits: ReactNode;
  /** At the end of the row: the details panel's fold. */
  end: ReactNode;
}

export function TreeToolbar({ history, readOnly, counts, filter, onFilter, onUndo, onRedo, edits, end }: TreeToolbarProps) {
  return (
    <div className="toolbar">
      <div className="history-buttons">
        <button
          type="button"
          className="btn btn-secondary btn-history"
          disabled={readOnly || !history.canUndo}
          onClick={onUndo}
          // Out of the Tab and F6 path: a stray Espace or Entrée must never undo. Ctrl+Z is the key.
          tabIndex={-1}
          aria-keyshortcuts="Control+Z"
          title={history.undoLabel ? `Annuler : ${history.undoLabel} (Ctrl+Z)` : 'Rien à annuler'}
        >
          <span aria-hidden="true" className="hist-icon">↶</span>
          <span className="hist-text">
            <span className="hist-verb">Annuler</span>
            <span className="sr-only"> : </span>
            <span className="hist-label">{history.canUndo && history.undoLabel ? history.undoLabel : 'rien à annuler'}</span>
          </span>
        </button>
        <button
          type="button"
          className="btn btn-secondary btn-history"
          disabled={readOnly || !history.canRedo}
          onClick={onRedo}
          tabIndex={-1}
          aria-keyshortcuts="Control+Shift+Z"
          title={history.redoLabel ? `Rétablir : ${history.redoLabel} (Ctrl+Maj+Z)` : 'Rien à rétablir'}
        >
          <span aria-hidden="true" className="hist-icon">↷</span>
          <span className="hist-text">
            <span className="hist-verb">Rétablir</span>
            <span className="sr-only"> : </span>
            <span className="hist-label">{history.canRedo && history.redoLabel ? history.redoLabel : 'rien à rétablir'}</span>
          </span>
        </button>
      </div>
      {edits}
      <div className="filters" role="group" aria-label="Filtrer par décision">
        {FILTERS.map((f) => {
          const n = filterCount(counts, f.value);
          return (
            <button
              key={f.value}
              type="button"
              className={`btn filter filter-${f.value}`}
              aria-pressed={filter === f.value}
              title={`${f.title} (Alt+${f.key.toUpperCase()})`}
              aria-keyshortcuts={`Alt+${f.key.toUpperCase()}`}
              onClick={() => onFilter(f.value)}
            >
              <span className="filter-swatch" aria-hidden="true" />
              <span className={'filter-label' + (f.short !== f.label ? ' filter-long' : '')}>
                <Keyed text={f.label} at={f.at} />
              </span>
              {f.short !== f.label && (
                <span className="filter-label filter-short" aria-hidden="true">
                  <Keyed text={f.short} at={f.at} />
                </span>
              )}
              <span className="filter-count">
                {n}
                <span className="sr-only"> {nounFor(n, 'élément')}</span>
              </span>
            </button>
          );
        })}
      </div>
      {end}
    </div>
  );
}
