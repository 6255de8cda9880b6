// What the merge shows before it is applied (pure types: the renderer reads them).
import type { Conflict } from './three-way';

export interface ConflictView extends Conflict {
  /** Author and clock time of each side's last change of the row (null: no change on that side). */
  whoMine: { author: string; hlc: string } | null;
  whoTheirs: { author: string; hlc: string } | null;
}

export interface MergePreview {
  otherFile: string;
  /** Who made the other copy's last change (for the step's label). */
  otherAuthor: string;
  /** The copies share no history: every difference is a conflict (said in French). */
  noBase: string | null;
  /** Notes in French: the frozen version taken as base, frozen versions brought over or renumbered. */
  notes: string[];
  conflicts: ConflictView[];
  /** Conflicts left without a choice. */
  unresolved: number;
  /** Rows the merge writes into this copy. */
  changes: number;
}

