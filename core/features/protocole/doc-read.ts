// Reading the interchange document (core/domain/format-types.ts) with the optional fields of FORMAT.md that other
// issues add (funding, history, contact, copils, indicator kind and frequency): typed here as optional, so they
// appear in the printed documents as soon as the export writes them, without depending on those features' storage.
import type { CommitmentDoc, IndicatorDoc, PartnerDoc, TrameDocument, TreeNodeDoc } from '../../domain/format-types';

export interface FundingDoc { amount?: number; nature?: 'droit-commun' | 'credits-specifiques' }
export interface HistoryDoc { status: string; at: string; by?: string; note?: string }
export type CommitmentRead = CommitmentDoc & { funding?: FundingDoc; history?: HistoryDoc[] };
export type PartnerRead = PartnerDoc & { contact?: { name?: string; email?: string; phone?: string } };
export type IndicatorRead = Omit<IndicatorDoc, 'measurements'> & {
  kind?: 'realisation' | 'resultat';
  frequency?: string;
  measurements?: { id?: string; date: string; value: number; scope?: 'qpv' | 'reference'; source?: string; note?: string }[];
};
export interface CopilDoc { id?: string; date: string; title?: string; note?: string }
export type DocRead = Omit<TrameDocument, 'commitments' | 'partners'> & {
  commitments?: CommitmentRead[];
  partners?: PartnerRead[];
  copils?: CopilDoc[];
};

export function asDocRead(doc: TrameDocument): DocRead {
  return doc as DocRead;
}

export interface FlatNode { node: TreeNodeDoc; depth: number; path: string[]; indicator?: IndicatorRead }

/** Depth-first walk of the tree, with each item's path of titles. */
export function flatten(tree: TreeNodeDoc[]): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (nodes: TreeNodeDoc[], depth: number, path: string[]) => {
    for (const n of nodes) {
      out.push({ node: n, depth, path, ...(n.indicator ? { indicator: n.indicator as IndicatorRead } : {}) });
      if (n.children) walk(n.children, depth + 1, [...path, n.title]);
    }
  };
  walk(tree, 0, []);
  return out;
}
