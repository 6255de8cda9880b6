import path from 'node:path';
import type { HandlersOf } from '../../api/registry';
import { TrameError } from '../../api/result';
import type { TrameDocument } from '../../domain/format-types';
import { writeFileAtomic } from '../../files';
import type { FeatureContext } from '../../session';
import { exportDocument } from '../format';
import { findSignatures, readInputFile, signPdf, verifyPdf } from '../signing';
import type { Store } from '../../../db/store';
import { saveCleanCopy } from './clean-copy';
import type { VersionInfo, versionsContract, versionsJobs } from './contract';
import { diffLines, diffVersions } from './diff';
import { pngFromDataUrl, stampDrawnSignature } from './drawn';
import {
  canonicalJson, currentPdf, fingerprintLine, frozenPdf, insertSignature, insertVersion, listVersions, nextNumber, sha256,
  versionBlocks, versionContent, versionOf, versionTitle,
} from './model';
import { PDFDocument } from '@cantoo/pdf-lib';
import { type PdfProducer, type ProducedPdf, type SignatureBlock } from './pdf-producer';
import { makeDocument } from '../protocole';
import { openImage } from '../../../db/image';
import { Runner } from '../../../db/query';
import type { JobStepsOf, JobWork, WorkContext } from '../../jobs/types';

function draft(s: Store): TrameDocument {
  return exportDocument({ run: s.run, documentId: s.identity().documentId });
}

function signatoryOf(s: Store, v: VersionInfo, signatoryId: string) {
  const who = v.signatories.find((x) => x.id === signatoryId);
  if (!who) throw new TrameError('introuvable', 'Ce signataire ne figure pas dans cette version : choisissez un signataire de la liste.');
  if (who.signed) throw new TrameError('entree-invalide', `${who.name} a déjà signé « ${v.title} » : chacun ne signe qu’une fois.`);
  if (!v.intact) currentPdf(s, v.id); // throws the French « altéré » message
  return who;
}

export function versionsHandlers({ docs }: FeatureContext): HandlersOf<typeof versionsContract> {
  const side = (s: Store, which: string): TrameDocument => (which === 'brouillon' ? draft(s) : versionContent(s, which));
  return {
    'versions.list': ({ docId }) => {
      const s = docs.docOf(docId);
      const versions = listVersions(s);
      const last = versions[versions.length - 1];
      return { versions, draftChanged: !last || sha256(canonicalJson(draft(s))) !== last.contentSha256 };
    },
    'versions.exportPdf': ({ docId, versionId, path: p, replace }) => {
      const file = path.resolve(p);
      if (path.extname(file).toLowerCase() !== '.pdf') {
        throw new TrameError('entree-invalide', `Le PDF s’enregistre dans un fichier « .pdf » (reçu : « ${path.basename(file)} »).`);
      }
      writeFileAtomic(file, currentPdf(docs.docOf(docId), versionId), { replace: replace === true });
      return { path: file };
    },
    'versions.signDrawn': async ({ docId, versionId, signatoryId, png }) => {
      const s = docs.docOf(docId);
      const v = versionOf(s, versionId);
      const who = signatoryOf(s, v, signatoryId);
      const block = versionBlocks(s, versionId).find((b) => b.signatoryId === signatoryId);
      if (!block) throw new TrameError('introuvable', `Le PDF de cette version n’a pas de bloc de signature pour ${who.name}.`);
      const pdf = await stampDrawnSignature(currentPdf(s, versionId), pngFromDataUrl(png), block, who.name);
      insertSignature(docs.docOf(docId), { versionId, signatoryId, signerName: who.name, kind: 'drawn', pdf });
      return versionOf(s, versionId);
    },
    'versions.importSigned': async ({ docId, versionId, path: p, signerName }) => {
      const s = docs.docOf(docId);
      const v = versionOf(s, versionId);
      const now = currentPdf(s, versionId);
      const bytes = readInputFile(p, 'un PDF');
      const incoming = Buffer.from(bytes);
      if (!incoming.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new TrameError('entree-invalide', 'Ce fichier n’est pas un PDF.');
      if (!incoming.subarray(0, frozenPdf(s, versionId).length).equals(Buffer.from(frozenPdf(s, versionId)))) {
        throw new TrameError('entree-invalide', `Ce PDF n’est pas « ${v.title} » signé : il ne commence pas par les octets du PDF figé (un autre document, ou un PDF réenregistré au lieu d’être signé par ajout).`);
      }
      if (incoming.length <= now.length || !incoming.subarray(0, now.length).equals(Buffer.from(now))) {
        throw new TrameError('entree-invalide', incoming.length === now.length ? 'Ce PDF n’apporte aucune nouvelle signature.' : 'Ce PDF ne contient pas les signatures déjà recueillies dans Trame : importez le PDF signé à partir de la dernière version exportée.');
      }
      const report = await verifyPdf(bytes);
      if (!report.ok) throw new TrameError('entree-invalide', `PDF refusé : ${report.summary}`);
      const added = report.signatures.slice(findSignatures(Buffer.from(now)).length);
      if (!added.length) throw new TrameError('entree-invalide', 'Ce PDF n’apporte aucune nouvelle signature électronique.');
      for (const sig of added) {
        const name = signerName?.trim() || sig.signer || sig.name || 'Signataire inconnu';
        const match = v.signatories.find((x) => !x.signed && name.toLowerCase().includes(x.name.toLowerCase()));
        insertSignature(docs.docOf(docId), { versionId, signatoryId: match?.id ?? null, signerName: name, kind: 'imported', pdf: bytes });
      }
      return versionOf(s, versionId);
    },
    'versions.verify': ({ docId, versionId }) => verifyPdf(currentPdf(docs.docOf(docId), versionId)),
    'versions.diff': ({ docId, from, to }) => {
      const s = docs.docOf(docId);
      return diffVersions(side(s, from), side(s, to));
    },
    'versions.cleanCopy': ({ docId, path: p }) => ({ path: saveCleanCopy(docs.docOf(docId), p) }),
  };
}

interface FreezePayload {
  content: TrameDocument; contentJson: string; contentSha: string; number: number; footer: string; title: string; annex?: string[];
  /** A snapshot of the open contrat (the protocole renderer reads its settings from it) and the day printed. */
  image: Uint8Array; documentId: string | null; today: string;
}
interface FreezeResult { pdf: Uint8Array; blocks: SignatureBlock[]; contentJson: string; contentSha: string; number: number }

/** Freezing: the content is read on the main thread (a snapshot), the PDF made in the worker, the row written at the end. */
export function versionsJobSteps({ docs }: FeatureContext): JobStepsOf<typeof versionsJobs> {
  return {
    'versions.freeze': {
      prepare: ({ docId }) => {
        const s = docs.docOf(docId);
        if (s.readOnly) throw new TrameError('lecture-seule', s.readOnlyReason ?? 'Ce contrat est ouvert en lecture seule.');
        const content = draft(s);
        const contentJson = canonicalJson(content);
        const contentSha = sha256(contentJson);
        const versions = listVersions(s);
        const last = versions[versions.length - 1];
        if (last && last.contentSha256 === contentSha) {
          throw new TrameError('entree-invalide', `Rien n’a changé depuis « ${last.title} » : il n’y a pas de nouvelle version à figer.`);
        }
        const number = nextNumber(s);
        const annex = last ? diffLines(diffVersions(versionContent(s, last.id), content)) : undefined;
        const d = new Date();
        const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        const image = new Uint8Array(s.db.serialize());
        const payload: FreezePayload = {
          content, contentJson, contentSha, number, footer: fingerprintLine(number, contentSha), title: versionTitle(number), annex,
          image, documentId: s.identity().documentId, today,
        };
        return { payload, transfer: [image.buffer as ArrayBuffer] };
      },
      finish: (r: FreezeResult, { docId }) => {
        const s = docs.docOf(docId);
        // The contrat may have been edited while the PDF was being made: what is frozen must be what the PDF shows.
        if (sha256(canonicalJson(draft(s))) !== r.contentSha) {
          throw new TrameError('entree-invalide', 'Le contrat a été modifié pendant la création du PDF : rien n’a été figé. Cliquez de nouveau sur « Figer pour signature ».');
        }
        const content = JSON.parse(r.contentJson) as TrameDocument;
        const id = insertVersion(s, { content, contentJson: r.contentJson, contentSha: r.contentSha, number: r.number, pdf: r.pdf, blocks: r.blocks });
        return docs.edited(s, versionOf(s, id));
      },
    },
    'versions.signPades': {
      prepare: ({ docId, versionId, signatoryId, p12Path, passphrase }) => {
        const s = docs.docOf(docId);
        const v = versionOf(s, versionId);
        const who = signatoryOf(s, v, signatoryId);
        const p12 = readInputFile(p12Path, 'un certificat .p12 ou .pfx', 1_000_000);
        const block = versionBlocks(s, versionId).find((b) => b.signatoryId === signatoryId);
        const pdf = currentPdf(s, versionId);
        const payload: SignPayload = { pdf, p12, passphrase, name: who.name, role: who.role ?? undefined, page: block?.page };
        return { payload, transfer: [pdf.buffer as ArrayBuffer, p12.buffer as ArrayBuffer] };
      },
      finish: ({ pdf }: { pdf: Uint8Array }, { docId, versionId, signatoryId }) => {
        const s = docs.docOf(docId);
        const v = versionOf(s, versionId);
        const who = signatoryOf(s, v, signatoryId); // not signed meanwhile
        const before = currentPdf(s, versionId);
        // Another signature added while this one was computed: this one would drop it.
        if (!Buffer.from(pdf.subarray(0, before.length)).equals(Buffer.from(before))) {
          throw new TrameError('entree-invalide', 'Une autre signature a été ajoutée pendant le calcul de celle-ci : recommencez la signature.');
        }
        insertSignature(s, { versionId, signatoryId, signerName: who.name, kind: 'pades', pdf });
        return docs.edited(s, versionOf(s, versionId));
      },
    },
  };
}

interface SignPayload { pdf: Uint8Array; p12: Uint8Array; passphrase: string; name: string; role?: string; page?: number }

/** Set in tests to freeze with another renderer (the plain one, or a failing one); null: the protocole renderer. */
let producer: PdfProducer | null = null;
export function setPdfProducer(p: PdfProducer | null): void {
  producer = p;
}

/** The protocole's own markup (issue 11) must not read a title's « * », « _ » or « ` » as formatting. */
function plainLine(s: string): string {
  return s.replace(/[*`]/g, '·').replace(/_/g, ' ').replace(/~~/g, '~').replace(/</g, '‹').replace(/>/g, '›').replace(/\[/g, '(').replace(/\]/g, ')').replace(/^\s*#/, '№');
}

/** The protocole PDF (core/features/protocole) of the snapshot, with the fingerprint footer and the avenant's annex. */
async function protocolePdf(p: FreezePayload, ctx: WorkContext): Promise<ProducedPdf> {
  const db = openImage(p.image, { readonly: true });
  try {
    const out = await makeDocument(new Runner(db), p.documentId, {
      format: 'pdf', today: p.today, version: p.title, footerText: p.footer,
      annexes: p.annex ? [{ title: 'Ce que change cet avenant', text: p.annex.map((l) => `- ${plainLine(l)}`).join('\n') }] : undefined,
    }, { step: () => ctx.checkCancelled() });
    const pdf = new Uint8Array(out.bytes);
    const heights = (await PDFDocument.load(pdf, { updateMetadata: false })).getPages().map((pg) => pg.getHeight());
    // pdfkit measures from the top of the page, PDF user space from the bottom.
    const blocks: SignatureBlock[] = out.signatures.map((b) => ({
      signatoryId: b.signatoryId, page: b.page - 1, rect: [b.x, (heights[b.page - 1] ?? 841.89) - b.y - b.height, b.width, b.height],
    }));
    return { pdf, blocks };
  } finally {
    db.close();
  }
}

export const versionsWork: Record<keyof typeof versionsJobs, JobWork> = {
  'versions.freeze': async (p: FreezePayload, ctx): Promise<FreezeResult> => {
    ctx.progress(0, null, 'Création du PDF');
    const { pdf, blocks } = producer ? await producer(p.content, { footer: p.footer, title: p.title, annex: p.annex }) : await protocolePdf(p, ctx);
    ctx.checkCancelled();
    return { pdf, blocks, contentJson: p.contentJson, contentSha: p.contentSha, number: p.number };
  },
  'versions.signPades': async (p: SignPayload, ctx): Promise<{ pdf: Uint8Array }> => {
    ctx.progress(0, null, 'Signature du PDF');
    const signed = await signPdf(p.pdf, { p12: p.p12, passphrase: p.passphrase, name: p.name, role: p.role, page: p.page });
    return { pdf: signed.pdf };
  },
};
