// What an avenant changes: the difference between two versions of a contrat (two TrameDocument snapshots), item
// by item, in French. Pure (no I/O): the renderer, the PDF annex and the tests call the same function. Items,
// commitments, partners and signatories are matched by their stable ids; a reordering among siblings reports only
// the items that really moved (the others keep their relative order: longest increasing subsequence).
import type { CommitmentDoc, SignatoryDoc, TrameDocument, TreeNodeDoc } from '../../domain/format-types';
import { COMMITMENT_STATUS_LABELS } from '../../domain/partners';
import { KIND_LABELS, TAG_LABELS, UNDECIDED_LABEL } from '../../domain/tree';
import { nounFor } from '../../domain/plural';

export type DiffScope = 'contrat' | 'element' | 'engagement' | 'partenaire' | 'signataire';
export type DiffKind =
  | 'ajout' | 'suppression' | 'deplacement' | 'reordonnancement' | 'etiquette' | 'titre' | 'description' | 'indicateur'
  | 'cible' | 'echeance' | 'statut' | 'texte' | 'retrait' | 'modification';

export interface DiffEntry {
  scope: DiffScope;
  kind: DiffKind;
  /** The id of what changed (item, commitment, partner, signatory); '' for the contrat itself. */
  id: string;
  /** One French sentence. */
  label: string;
}

export interface AvenantDiff {
  entries: DiffEntry[];
  /** Number of entries by scope. */
  counts: Record<DiffScope, number>;
}

interface Flat { node: TreeNodeDoc; id: string; parent: string | null; index: number; descendants: number }

function flatten(tree: TreeNodeDoc[]): Map<string, Flat> {
  const out = new Map<string, Flat>();
  const walk = (nodes: TreeNodeDoc[], parent: string | null, prefix: string): number => {
    let total = 0;
    nodes.forEach((n, index) => {
      // Items always carry their id in an export; one written by hand without id is matched by its place.
      const id = n.id ?? `${prefix}/${index}`;
      const f: Flat = { node: n, id, parent, index, descendants: 0 };
      out.set(id, f);
      f.descendants = walk(n.children ?? [], id, id);
      total += 1 + f.descendants;
    });
    return total;
  };
  walk(tree, null, '');
  return out;
}

/** JSON with sorted keys: a stored version (canonical JSON) compares equal to the same content read now. */
export function stableJson(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, norm((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(norm(value)) ?? '';
}

const q = (s: string): string => `« ${s.length > 80 ? `${s.slice(0, 79)}…` : s} »`;
const tagLabel = (t: TreeNodeDoc['tag']): string => (t ? TAG_LABELS[t] : UNDECIDED_LABEL);
const itemName = (n: TreeNodeDoc): string => `${KIND_LABELS[n.kind]} ${q(n.title)}`;
/** « de l’action « … » »: every kind starts with a vowel (enjeu, objectif, action, indicateur). */
const ofItem = (n: TreeNodeDoc): string => `de l’${KIND_LABELS[n.kind].toLowerCase()} ${q(n.title)}`;
const sub = (n: number): string => (n ? ` (et ${n} ${nounFor(n, 'sous-élément')})` : '');

/** Indexes (in `seq`) of a longest increasing subsequence. */
function lis(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) keep.add(k);
  return keep;
}

function indicatorText(n: TreeNodeDoc): string {
  const i = n.indicator;
  if (!i) return '';
  return stableJson([i.unit, i.direction, i.baseline, i.target, i.reference, i.source]);
}

function diffTree(a: TrameDocument, b: TrameDocument, out: DiffEntry[]): void {
  const A = flatten(a.tree);
  const B = flatten(b.tree);
  const title = (map: Map<string, Flat>, id: string | null): string => (id === null ? 'la racine' : q(map.get(id)!.node.title));
  for (const [id, f] of B) {
    if (A.has(id)) continue;
    if (f.parent !== null && !A.has(f.parent)) continue; // told with its added parent
    out.push({ scope: 'element', kind: 'ajout', id, label: `Ajout : ${itemName(f.node)} sous ${title(B, f.parent)}${sub(f.descendants)}.` });
  }
  for (const [id, f] of A) {
    if (B.has(id)) continue;
    if (f.parent !== null && !B.has(f.parent)) continue;
    out.push({ scope: 'element', kind: 'suppression', id, label: `Suppression : ${itemName(f.node)}${sub(f.descendants)}.` });
  }
  // Reordering among siblings kept under the same parent.
  const siblings = new Map<string | null, { id: string; before: number; after: number }[]>();
  for (const [id, fb] of B) {
    const fa = A.get(id);
    if (!fa || fa.parent !== fb.parent) continue;
    const list = siblings.get(fb.parent) ?? [];
    list.push({ id, before: fa.index, after: fb.index });
    siblings.set(fb.parent, list);
  }
  const reordered = new Set<string>();
  for (const list of siblings.values()) {
    list.sort((x, y) => x.after - y.after);
    const keep = lis(list.map((s) => s.before));
    list.forEach((s, i) => {
      if (!keep.has(i)) reordered.add(s.id);
    });
  }
  for (const [id, fb] of B) {
    const fa = A.get(id);
    if (!fa) continue;
    const na = fa.node;
    const nb = fb.node;
    const name = itemName(nb);
    if (fa.parent !== fb.parent) {
      out.push({ scope: 'element', kind: 'deplacement', id, label: `Déplacement : ${name}, de sous ${title(A, fa.parent)} vers sous ${title(B, fb.parent)}.` });
    } else if (reordered.has(id)) {
      out.push({ scope: 'element', kind: 'reordonnancement', id, label: `Nouvelle place : ${name} (rang ${fa.index + 1} → ${fb.index + 1}).` });
    }
    if (na.title !== nb.title) out.push({ scope: 'element', kind: 'titre', id, label: `Nouveau titre : ${q(na.title)} devient ${q(nb.title)}.` });
    if ((na.tag ?? null) !== (nb.tag ?? null)) {
      out.push({ scope: 'element', kind: 'etiquette', id, label: `Étiquette ${ofItem(nb)} : ${tagLabel(na.tag)} → ${tagLabel(nb.tag)}.` });
    }
    if ((na.description ?? '') !== (nb.description ?? '')) out.push({ scope: 'element', kind: 'description', id, label: `Description ${ofItem(nb)} modifiée.` });
    if ((na.indicator || nb.indicator) && indicatorText(na) !== indicatorText(nb)) out.push({ scope: 'element', kind: 'indicateur', id, label: `Indicateur ${q(nb.title)} : valeurs de référence, cible ou unité modifiées.` });
  }
}

function target(c: CommitmentDoc): string {
  return c.target ? `${c.target.value}${c.target.unit ? ` ${c.target.unit}` : ''}` : 'aucune';
}
const status = (c: CommitmentDoc): string => (c.status ? COMMITMENT_STATUS_LABELS[c.status] : 'sans statut');

function byId<T extends { id?: string }>(list: T[] | undefined): Map<string, T> {
  return new Map((list ?? []).map((x, i) => [x.id ?? `#${i}`, x]));
}

function diffCommitments(a: TrameDocument, b: TrameDocument, partnerName: (id: string) => string, out: DiffEntry[]): void {
  const A = byId(a.commitments);
  const B = byId(b.commitments);
  for (const [id, c] of B) {
    const o = A.get(id);
    const name = `l’engagement de ${partnerName(c.partner)} ${q(c.text)}`;
    if (!o) {
      out.push({ scope: 'engagement', kind: 'ajout', id, label: `Nouvel engagement de ${partnerName(c.partner)} : ${q(c.text)}.` });
      continue;
    }
    if (o.text !== c.text) out.push({ scope: 'engagement', kind: 'texte', id, label: `Texte de l’engagement ${q(o.text)} devenu ${q(c.text)}.` });
    if (target(o) !== target(c)) out.push({ scope: 'engagement', kind: 'cible', id, label: `Cible de ${name} : ${target(o)} → ${target(c)}.` });
    if ((o.due ?? '') !== (c.due ?? '')) out.push({ scope: 'engagement', kind: 'echeance', id, label: `Échéance de ${name} : ${o.due ?? 'aucune'} → ${c.due ?? 'aucune'}.` });
    if ((o.status ?? '') !== (c.status ?? '')) out.push({ scope: 'engagement', kind: 'statut', id, label: `Statut de ${name} : ${status(o)} → ${status(c)}.` });
    if (o.partner !== c.partner || stableJson(o.nodes ?? []) !== stableJson(c.nodes ?? []) || (o.indicator ?? '') !== (c.indicator ?? '')) {
      out.push({ scope: 'engagement', kind: 'modification', id, label: `Partenaire, éléments ou indicateur liés à ${name} modifiés.` });
    }
  }
  for (const [id, c] of A) {
    if (!B.has(id)) out.push({ scope: 'engagement', kind: 'retrait', id, label: `Engagement retiré : ${partnerName(c.partner)}, ${q(c.text)}.` });
  }
}

function person(s: SignatoryDoc, partnerName: (id: string) => string): string {
  return `${s.name}${s.role ? `, ${s.role}` : ''} (${partnerName(s.partner)})`;
}

export function diffVersions(a: TrameDocument, b: TrameDocument): AvenantDiff {
  const out: DiffEntry[] = [];
  const names = new Map<string, string>();
  for (const p of [...(a.partners ?? []), ...(b.partners ?? [])]) if (p.id) names.set(p.id, p.name);
  const partnerName = (id: string): string => names.get(id) ?? id;
  if (a.contrat.name !== b.contrat.name) out.push({ scope: 'contrat', kind: 'titre', id: '', label: `Nom du contrat : ${q(a.contrat.name)} → ${q(b.contrat.name)}.` });
  if (a.contrat.epci !== b.contrat.epci) out.push({ scope: 'contrat', kind: 'modification', id: '', label: `EPCI : ${q(a.contrat.epci)} → ${q(b.contrat.epci)}.` });
  if (stableJson(a.contrat.period) !== stableJson(b.contrat.period)) {
    const p = (x: TrameDocument['contrat']['period']) => (x ? `${x.start}–${x.end}` : 'non précisée');
    out.push({ scope: 'contrat', kind: 'modification', id: '', label: `Période : ${p(a.contrat.period)} → ${p(b.contrat.period)}.` });
  }
  if (stableJson(a.contrat.qpv ?? []) !== stableJson(b.contrat.qpv ?? [])) out.push({ scope: 'contrat', kind: 'modification', id: '', label: 'Liste des quartiers prioritaires modifiée.' });
  diffTree(a, b, out);
  const PA = byId(a.partners);
  const PB = byId(b.partners);
  for (const [id, p] of PB) {
    const o = PA.get(id);
    if (!o) out.push({ scope: 'partenaire', kind: 'ajout', id, label: `Nouveau partenaire : ${q(p.name)}.` });
    else if (o.name !== p.name || o.type !== p.type) out.push({ scope: 'partenaire', kind: 'modification', id, label: `Partenaire ${q(o.name)} modifié : ${q(p.name)}.` });
  }
  for (const [id, p] of PA) if (!PB.has(id)) out.push({ scope: 'partenaire', kind: 'retrait', id, label: `Partenaire retiré : ${q(p.name)}.` });
  diffCommitments(a, b, partnerName, out);
  const SA = byId(a.signatories);
  const SB = byId(b.signatories);
  for (const [id, s] of SB) {
    const o = SA.get(id);
    if (!o) out.push({ scope: 'signataire', kind: 'ajout', id, label: `Nouveau signataire : ${person(s, partnerName)}.` });
    else if (o.name !== s.name || (o.role ?? '') !== (s.role ?? '') || o.partner !== s.partner) {
      out.push({ scope: 'signataire', kind: 'modification', id, label: `Signataire modifié : ${person(o, partnerName)} → ${person(s, partnerName)}.` });
    }
  }
  for (const [id, s] of SA) if (!SB.has(id)) out.push({ scope: 'signataire', kind: 'retrait', id, label: `Signataire retiré : ${person(s, partnerName)}.` });
  const counts: Record<DiffScope, number> = { contrat: 0, element: 0, engagement: 0, partenaire: 0, signataire: 0 };
  for (const e of out) counts[e.scope]++;
  return { entries: out, counts };
}

/** The diff as annex text lines (for the avenant's PDF annex and the CLI). */
export function diffLines(d: AvenantDiff): string[] {
  if (!d.entries.length) return ['Aucune modification entre ces deux versions.'];
  return d.entries.map((e) => e.label);
}
