// Frozen versions and their signatures, in the .trame file (migration 7). A version holds the whole contrat as it
// was (canonical JSON), the PDF made from it, their SHA-256, when and by whom; each signature holds the whole signed
// PDF as it stood after it. The fingerprint printed on the pages is the SHA-256 of the canonical content: a PDF
// cannot contain its own hash.
import { createHash } from 'node:crypto';
import { TrameError } from '../../api/result';
import type { SignatoryDoc, TrameDocument } from '../../domain/format-types';
import { kysely } from '../../../db/query';
import type { Doc } from '../../session';
import { stableJson } from './diff';
import type { SignatureBlock } from './pdf-producer';
import type { SignatureKind, VersionInfo, VersionSignatory } from './contract';
import { findSignatures } from '../signing';
import { versionProblems } from './integrity';

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** JSON with every object's keys sorted: the same content always gives the same bytes, hence the same fingerprint. */
export const canonicalJson = stableJson;

/** The fingerprint line printed on every page of a frozen PDF (short enough for the protocole's footer). */
export function fingerprintLine(_number: number, contentSha: string): string {
  return `Empreinte SHA-256 du contenu figé : ${contentSha}`;
}

export function versionTitle(number: number): string {
  return number === 1 ? 'Protocole d’engagements' : `Avenant n° ${number - 1}`;
}

interface VersionRow {
  id: string; number: number; frozen_at: string; frozen_by: string; content_sha256: string; pdf_sha256: string;
  signatories_total: number; content_json: string; blocks_json: string;
}

function rows(store: Pick<Doc, 'run'>): VersionRow[] {
  return store.run.all(
    kysely.selectFrom('version')
      .select(['id', 'number', 'frozen_at', 'frozen_by', 'content_sha256', 'pdf_sha256', 'signatories_total', 'content_json', 'blocks_json'])
      .orderBy('number'),
  );
}

function signatureRows(store: Pick<Doc, 'run'>, versionId: string) {
  return store.run.all(
    kysely.selectFrom('version_signature')
      .select(['id', 'position', 'signatory_id', 'signer_name', 'kind', 'signed_at', 'signed_by', 'pdf_sha256'])
      .where('version_id', '=', versionId)
      .orderBy('position'),
  );
}

function statusOf(signed: number, total: number): { status: VersionInfo['status']; label: string } {
  if (signed === 0) return { status: 'fige', label: 'Figé' };
  if (total > 0 && signed >= total) return { status: 'signe', label: 'Signé' };
  return { status: 'en-signature', label: `Signé par ${signed} sur ${total}` };
}

export function listVersions(store: Pick<Doc, 'run'>): VersionInfo[] {
  return rows(store).map((v) => {
    const doc = JSON.parse(v.content_json) as TrameDocument;
    const sigs = signatureRows(store, v.id);
    // Integrity of what the file stores, each part against the others (integrity.ts; a frozen PDF is a few MB at most).
    const pdf = store.run.stmt('SELECT pdf FROM version WHERE id = ?').get(v.id) as { pdf: Uint8Array };
    const problems = versionProblems(
      { contentJson: v.content_json, contentSha: v.content_sha256, pdf: pdf.pdf, pdfSha: v.pdf_sha256 },
      sigs.map((s) => ({
        position: s.position, kind: s.kind, pdfSha: s.pdf_sha256,
        pdf: (store.run.stmt('SELECT pdf FROM version_signature WHERE id = ?').get(s.id) as { pdf: Uint8Array }).pdf,
      })),
      sha256,
      (bytes) => findSignatures(Buffer.from(bytes)).length,
    );
    const intact = problems.length === 0;
    const signedIds = new Set(sigs.map((s) => s.signatory_id));
    const signatories: VersionSignatory[] = (doc.signatories ?? []).map((s: SignatoryDoc, i) => ({
      id: s.id ?? `#${i}`, name: s.name, role: s.role ?? null, signed: signedIds.has(s.id ?? `#${i}`),
    }));
    const st = statusOf(new Set(sigs.map((s) => s.signatory_id ?? s.id)).size, v.signatories_total);
    return {
      id: v.id,
      number: v.number,
      title: versionTitle(v.number),
      frozenAt: v.frozen_at,
      frozenBy: v.frozen_by,
      contentSha256: v.content_sha256,
      pdfSha256: v.pdf_sha256,
      status: intact ? st.status : 'altere',
      statusLabel: intact ? st.label : 'Altéré dans le fichier',
      intact,
      problems,
      signatoriesTotal: v.signatories_total,
      signatories,
      signatures: sigs.map((s) => ({
        position: s.position, signatoryId: s.signatory_id, signerName: s.signer_name, kind: s.kind as SignatureKind,
        signedAt: s.signed_at, signedBy: s.signed_by,
      })),
    };
  });
}

export function versionOf(store: Pick<Doc, 'run'>, versionId: string): VersionInfo {
  const v = listVersions(store).find((x) => x.id === versionId);
  if (!v) throw new TrameError('introuvable', 'Cette version n’existe pas dans ce contrat.');
  return v;
}

export function versionContent(store: Pick<Doc, 'run'>, versionId: string): TrameDocument {
  const row = store.run.stmt('SELECT content_json FROM version WHERE id = ?').get(versionId) as { content_json: string } | undefined;
  if (!row) throw new TrameError('introuvable', 'Cette version n’existe pas dans ce contrat.');
  return JSON.parse(row.content_json) as TrameDocument;
}

export function versionBlocks(store: Pick<Doc, 'run'>, versionId: string): SignatureBlock[] {
  const row = store.run.stmt('SELECT blocks_json FROM version WHERE id = ?').get(versionId) as { blocks_json: string } | undefined;
  return row ? (JSON.parse(row.blocks_json) as SignatureBlock[]) : [];
}

/** The PDF as it stands now: the last signed one, else the frozen one; refused if the file's copy was altered. */
export function currentPdf(store: Pick<Doc, 'run'>, versionId: string): Uint8Array {
  const v = versionOf(store, versionId);
  if (!v.intact) {
    throw new TrameError('fichier-invalide', `${v.title} a été altéré dans le fichier (${v.problems.join(' ; ')}) : il ne peut être ni signé ni exporté. Figez une nouvelle version.`);
  }
  const last = store.run.stmt('SELECT pdf FROM version_signature WHERE version_id = ? ORDER BY position DESC LIMIT 1').get(versionId) as { pdf: Uint8Array } | undefined;
  if (last) return new Uint8Array(last.pdf);
  const row = store.run.stmt('SELECT pdf FROM version WHERE id = ?').get(versionId) as { pdf: Uint8Array };
  return new Uint8Array(row.pdf);
}

export function frozenPdf(store: Pick<Doc, 'run'>, versionId: string): Uint8Array {
  const row = store.run.stmt('SELECT pdf FROM version WHERE id = ?').get(versionId) as { pdf: Uint8Array } | undefined;
  if (!row) throw new TrameError('introuvable', 'Cette version n’existe pas dans ce contrat.');
  return new Uint8Array(row.pdf);
}

export function nextNumber(store: Pick<Doc, 'run'>): number {
  const r = store.run.stmt('SELECT coalesce(max(number), 0) + 1 AS n FROM version').get() as { n: number };
  return r.n;
}

export interface NewVersion { content: TrameDocument; contentJson: string; contentSha: string; number: number; pdf: Uint8Array; blocks: SignatureBlock[] }

export function insertVersion(store: Doc, v: NewVersion): string {
  return store.write(() => {
    if (nextNumber(store) !== v.number) throw new TrameError('entree-invalide', 'Une autre version a été figée entre-temps : recommencez.');
    const id = store.newId();
    store.run.run(kysely.insertInto('version').values({
      id, number: v.number, frozen_at: store.now(), frozen_by: store.author, frozen_by_id: store.authorId,
      content_json: v.contentJson, content_sha256: v.contentSha, pdf: Buffer.from(v.pdf), pdf_sha256: sha256(v.pdf),
      blocks_json: JSON.stringify(v.blocks), signatories_total: v.content.signatories?.length ?? 0,
    }));
    return id;
  });
}

export interface NewSignature { versionId: string; signatoryId: string | null; signerName: string; kind: SignatureKind; pdf: Uint8Array }

export function insertSignature(store: Doc, s: NewSignature): void {
  store.write(() => {
    const n = store.run.stmt('SELECT coalesce(max(position), 0) + 1 AS n FROM version_signature WHERE version_id = ?').get(s.versionId) as { n: number };
    store.run.run(kysely.insertInto('version_signature').values({
      id: store.newId(), version_id: s.versionId, position: n.n, signatory_id: s.signatoryId, signer_name: s.signerName,
      kind: s.kind, signed_at: store.now(), signed_by: store.author, pdf: Buffer.from(s.pdf), pdf_sha256: sha256(s.pdf),
    }));
  });
}
