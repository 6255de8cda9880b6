// The frozen versions when two copies of a contrat are merged (issue 19). Versions are not journaled (undo never takes
// one back), so the merge cannot find them in the journal: both copies' versions are read whole and put together by
// id. A version frozen on one side only is brought over verbatim (content, PDF, hashes, signature blocks, every
// signature row with its signed PDF), so that its checks (integrity.ts) hold in the merged file as they did in its
// own. When both sides froze after they parted, the list is put in one order — each side's own order kept, the rest
// by freeze time, then id — and numbered again (migration 10 lets `number`, and nothing else, change): the same order
// whichever copy merges the other, with a French note for each version whose number changes (its PDF keeps the
// title it was printed with). A version both hold that gained signatures on one side only gets them; signatures
// gathered on both sides cannot both extend one PDF: mine are kept and the note says so.
import { formatFrenchDate } from '../../domain/french-dates';
import { nounFor } from '../../domain/plural';
import type { Doc } from '../../session';
import { findSignatures } from '../signing';
import { versionProblems } from './integrity';
import { sha256, versionTitle } from './model';

type Reader = { stmt(sql: string): { all(...p: unknown[]): unknown[]; get(...p: unknown[]): unknown } };

export interface FrozenSignatureRow {
  id: string; version_id: string; position: number; signatory_id: string | null; signer_name: string; kind: string;
  signed_at: string; signed_by: string;
  /** The signed PDF, read only when it may be brought over (null: not read). */
  pdf: Uint8Array | null;
  pdf_sha256: string;
}
export interface FrozenVersionRow {
  id: string; number: number; frozen_at: string; frozen_by: string; frozen_by_id: string | null; content_json: string;
  content_sha256: string;
  /** The frozen PDF, read only when it may be brought over (null: not read). */
  pdf: Uint8Array | null;
  pdf_sha256: string; blocks_json: string; signatories_total: number;
  signatures: FrozenSignatureRow[];
}

const VERSION_COLS = 'id, number, frozen_at, frozen_by, frozen_by_id, content_json, content_sha256, pdf_sha256, blocks_json, signatories_total';
const SIGNATURE_COLS = 'id, version_id, position, signatory_id, signer_name, kind, signed_at, signed_by, pdf_sha256';

/**
 * Every frozen version of a copy, with its signatures, by number. The PDFs (a few MB each, one per signature) are
 * read only for the rows `blobs` asks for: all, none (mine: nothing of it is copied), or those not in `except` (the
 * other copy: only what mine lacks may be brought over).
 */
export function readFrozenVersions(run: Reader, blobs: 'all' | 'none' | { except: readonly FrozenVersionRow[] } = 'all'): FrozenVersionRow[] {
  const versions = run.stmt(`SELECT ${VERSION_COLS} FROM version ORDER BY number`).all() as Omit<FrozenVersionRow, 'signatures' | 'pdf'>[];
  const sigs = run.stmt(`SELECT ${SIGNATURE_COLS} FROM version_signature ORDER BY version_id, position`).all() as Omit<FrozenSignatureRow, 'pdf'>[];
  const held = new Set(blobs === 'all' || blobs === 'none' ? [] : blobs.except.flatMap((v) => [v.id, ...v.signatures.map((x) => x.id)]));
  const wanted = (id: string) => blobs === 'all' || (blobs !== 'none' && !held.has(id));
  const blob = (table: string, id: string) => new Uint8Array((run.stmt(`SELECT pdf FROM ${table} WHERE id = ?`).get(id) as { pdf: Uint8Array }).pdf);
  return versions.map((v) => ({
    ...v,
    pdf: wanted(v.id) ? blob('version', v.id) : null,
    signatures: sigs.filter((x) => x.version_id === v.id).map((x) => ({ ...x, pdf: wanted(x.id) ? blob('version_signature', x.id) : null })),
  }));
}

const bytes = (pdf: Uint8Array | null, what: string): Uint8Array => {
  if (!pdf) throw new Error(`PDF non lu : ${what}`);
  return pdf;
};

export interface VersionMergePlan {
  /** Final number of every version of the merged list, by id. */
  numbers: Map<string, number>;
  /** Mine's versions whose number changes. */
  renumber: { id: string; from: number; to: number }[];
  /** Versions frozen on the other side only, with their final number. */
  bring: FrozenVersionRow[];
  /** Signatures the other side added to a version both hold. */
  signatures: FrozenSignatureRow[];
  /** In French, for the preview and the CLI. */
  notes: string[];
}

const intact = (v: FrozenVersionRow) =>
  versionProblems(
    { contentJson: v.content_json, contentSha: v.content_sha256, pdf: bytes(v.pdf, v.id), pdfSha: v.pdf_sha256 },
    v.signatures.map((s) => ({ position: s.position, kind: s.kind, pdf: bytes(s.pdf, s.id), pdfSha: s.pdf_sha256 })),
    sha256,
    (b) => findSignatures(Buffer.from(b)).length,
  );

const later = (a: FrozenVersionRow, b: FrozenVersionRow) => (a.frozen_at !== b.frozen_at ? a.frozen_at > b.frozen_at : a.id > b.id);
const when = (v: FrozenVersionRow) => `figé par ${v.frozen_by} le ${formatFrenchDate(v.frozen_at.slice(0, 10))}`;

/**
 * One list from two: each side's order kept; where both sides have their own next version, the earlier frozen
 * (then the smaller id) comes first. Symmetric: the same list whichever side is « mine ».
 */
export function mergedVersionOrder(mine: readonly FrozenVersionRow[], theirs: readonly FrozenVersionRow[]): FrozenVersionRow[] {
  const inMine = new Set(mine.map((v) => v.id));
  const inTheirs = new Set(theirs.map((v) => v.id));
  const out: FrozenVersionRow[] = [];
  const seen = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < mine.length || j < theirs.length) {
    if (i < mine.length && seen.has(mine[i].id)) { i++; continue; }
    if (j < theirs.length && seen.has(theirs[j].id)) { j++; continue; }
    const a = mine[i];
    const b = theirs[j];
    let take: FrozenVersionRow;
    if (!a) take = theirs[j++];
    else if (!b) take = mine[i++];
    else if (a.id === b.id) { take = a; i++; j++; }
    else {
      const aShared = inTheirs.has(a.id);
      const bShared = inMine.has(b.id);
      // A version the other side also holds waits for what this side froze before it.
      if (aShared !== bShared) take = aShared ? theirs[j++] : mine[i++];
      else take = later(a, b) ? theirs[j++] : mine[i++];
    }
    seen.add(take.id);
    out.push(take);
  }
  return out;
}

/** What merging the other copy's versions into mine does (pure: nothing written). */
export function planVersionMerge(mine: readonly FrozenVersionRow[], theirs: readonly FrozenVersionRow[], otherFile: string): VersionMergePlan {
  const notes: string[] = [];
  const mineById = new Map(mine.map((v) => [v.id, v]));
  // A version the other copy holds altered is not brought (its checks fail there already).
  const usable = theirs.filter((v) => {
    if (mineById.has(v.id)) return true;
    const problems = intact(v);
    if (problems.length) notes.push(`« ${versionTitle(v.number)} » de « ${otherFile} » (${when(v)}) n’est pas reprise : elle est altérée dans ce fichier (${problems.join(' ; ')}).`);
    return problems.length === 0;
  });
  const order = mergedVersionOrder(mine, usable);
  const numbers = new Map(order.map((v, k) => [v.id, k + 1]));
  const renumber: VersionMergePlan['renumber'] = [];
  const bring: FrozenVersionRow[] = [];
  const signatures: FrozenSignatureRow[] = [];
  const numbersTaken = new Set(usable.filter((v) => !mineById.has(v.id)).map((v) => v.number));
  for (const v of order) {
    const to = numbers.get(v.id)!;
    const own = mineById.get(v.id);
    if (!own) {
      bring.push({ ...v, number: to });
      const sigs = v.signatures.length ? ` et ses ${v.signatures.length} ${nounFor(v.signatures.length, 'signature')}` : '';
      notes.push(
        `« ${versionTitle(v.number)} » (${when(v)}) est reprise de « ${otherFile} » avec son PDF${sigs}` +
          (to === v.number ? '.' : `, comme version ${to} (« ${versionTitle(to)} ») : son PDF, inchangé, garde le titre « ${versionTitle(v.number)} ».`),
      );
      continue;
    }
    if (own.number !== to) {
      renumber.push({ id: v.id, from: own.number, to });
      const why = numbersTaken.has(own.number) ? ` : les deux copies ont figé une version n° ${own.number}` : '';
      notes.push(`Votre « ${versionTitle(own.number)} » (${when(own)}) devient la version ${to} (« ${versionTitle(to)} »)${why} ; son PDF et ses signatures restent tels quels.`);
    }
    const other = usable.find((x) => x.id === v.id);
    if (!other) continue;
    const a = own.signatures;
    const b = other.signatures;
    const common = a.findIndex((s, k) => b[k]?.id !== s.id);
    const prefix = common === -1 ? a.length : common;
    if (prefix === a.length && b.length > a.length) {
      signatures.push(...b.slice(a.length));
      notes.push(`« ${versionTitle(to)} » : ${b.length - a.length} ${nounFor(b.length - a.length, 'signature recueillie', 'signatures recueillies')} sur « ${otherFile} » ${b.length - a.length > 1 ? 'sont reprises' : 'est reprise'}.`);
    } else if (prefix < a.length && prefix < b.length) {
      notes.push(
        `« ${versionTitle(to)} » a été signée de chaque côté après la séparation des copies : les signatures de « ${otherFile} » ` +
          `(${b.slice(prefix).map((s) => s.signer_name).join(', ')}) ne peuvent pas prolonger le même PDF et ne sont pas reprises ; ` +
          'faites-les signer de nouveau sur le PDF de cette copie.',
      );
    }
  }
  return { numbers, renumber, bring, signatures, notes };
}

/** Does the plan write anything? */
export const versionMergeChanges = (p: VersionMergePlan): boolean => p.renumber.length + p.bring.length + p.signatures.length > 0;

/**
 * Writes the plan into mine, inside the merge's transaction (the caller's edit or write): numbers moved out of the
 * way first (each number is unique), the other side's versions and signatures inserted verbatim, numbers settled.
 */
export function applyVersionMerge(doc: Pick<Doc, 'run'>, plan: VersionMergePlan): void {
  const run = doc.run;
  const high = (run.stmt('SELECT coalesce(max(number), 0) AS n FROM version').get() as { n: number }).n + plan.numbers.size + 1;
  const setNumber = run.stmt('UPDATE version SET number = ? WHERE id = ?');
  for (const r of plan.renumber) setNumber.run(high + r.to, r.id);
  const insV = run.stmt(`INSERT INTO version (id, number, frozen_at, frozen_by, frozen_by_id, content_json, content_sha256, pdf, pdf_sha256, blocks_json, signatories_total)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insS = run.stmt(`INSERT INTO version_signature (id, version_id, position, signatory_id, signer_name, kind, signed_at, signed_by, pdf, pdf_sha256)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const sig = (s: FrozenSignatureRow) =>
    insS.run(s.id, s.version_id, s.position, s.signatory_id, s.signer_name, s.kind, s.signed_at, s.signed_by, Buffer.from(bytes(s.pdf, s.id)), s.pdf_sha256);
  for (const v of plan.bring) {
    insV.run(v.id, v.number, v.frozen_at, v.frozen_by, v.frozen_by_id, v.content_json, v.content_sha256, Buffer.from(bytes(v.pdf, v.id)), v.pdf_sha256, v.blocks_json, v.signatories_total);
    v.signatures.forEach(sig);
  }
  plan.signatures.forEach(sig);
  for (const r of plan.renumber) setNumber.run(r.to, r.id);
}

/**
 * The frozen versions both copies hold with the same content (fingerprint), newest first: a base for a merge. Only
 * the content serves as a base, so only the content is checked against its fingerprint (not the PDFs, not read).
 */
export function commonFrozenContents(mine: readonly FrozenVersionRow[], theirs: readonly FrozenVersionRow[]): FrozenVersionRow[] {
  const sound = (v: FrozenVersionRow) => sha256(v.content_json) === v.content_sha256;
  const theirsBySha = new Map<string, FrozenVersionRow>();
  for (const v of theirs) if (sound(v)) theirsBySha.set(v.content_sha256, v);
  const common = mine.filter((v) => theirsBySha.has(v.content_sha256) && sound(v));
  const newest = (v: FrozenVersionRow) => [v, theirsBySha.get(v.content_sha256)!].reduce((x, y) => (later(x, y) ? x : y));
  return common.map(newest).sort((a, b) => (later(a, b) ? -1 : 1));
}
