// Above the tree: undo and redo, each naming the step it would take, and the filters by decision with their counts.
import type { HistoryState } from '../../../core/api/contract';
import { FAMILY_LABELS, UNDECIDED_LABEL } from '../../../core/domain/tree';
import { nounFor } from '../../lib/text';
import type { Counts, Filter } from './rows';

const FILTERS: { value: Filter; label: string; title: string }[] = [
  { value: 'all', label: 'Tout', title: 'Tous les éléments' },
  { value: 'ajouter', label: 'À ajouter', title: FAMILY_LABELS.ajouter },
  { value: 'garder', label: 'À garder…', title: FAMILY_LABELS.garder },
  { value: 'jeter', label: 'À jeter…', title: FAMILY_LABELS.jeter },
  { value: 'undecided', label: UNDECIDED_LABEL, title: 'Éléments sans décision' },
];

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
}

export function TreeToolbar({ history, readOnly, counts, filter, onFilter, onUndo, onRedo }: TreeToolbarProps) {
  return (
    <div className="toolbar">
      <div className="history-buttons">
        <button
          type="button"
          className="btn btn-secondary btn-history"
          disabled={readOnly || !history.canUndo}
          onClick={onUndo}
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
      <div className="filters" role="group" aria-label="Filtrer par décision">
        {FILTERS.map((f) => {
          const n = filterCount(counts, f.value);
          return (
            <button
              key={f.value}
              type="button"
              className={`btn filter filter-${f.value}`}
              aria-pressed={filter === f.value}
              title={f.title}
              onClick={() => onFilter(f.value)}
            >
              <span className="filter-swatch" aria-hidden="true" />
              {f.label}
              <span className="filter-count">
                {n}
                <span className="sr-only"> {nounFor(n, 'élément')}</span>
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
