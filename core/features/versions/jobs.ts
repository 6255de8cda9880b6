// The versions' jobs, each declared once: freezing a version (its PDF made in the worker) and a PAdES signature
// (computed in the worker). Both write their row on the main thread at the end, through the contrat's one door.
import { TrameError } from '../../api/result';
import type { TrameDocument } from '../../domain/format-types';
import type { JobsOf, WorkContext } from '../../jobs/types';
import { snapshotOf, type FeatureContext } from '../../session';
import { openImage } from '../../../db/image';
import { Runner } from '../../../db/query';
import { frameState, makeDocument } from '../protocole';
import { notReady } from './cli';
import { pdfLib, readInputFile, signPdf } from '../signing';
import type { versionsJobs } from './contract';
import { diffLines, diffVersions } from './diff';
import { draft, signatoryOf } from './handlers';
import {
  canonicalJson, currentPdf, fingerprintLine, insertSignature, insertVersion, listVersions, nextNumber, sha256, versionBlocks,
  versionContent, versionOf, versionTitle,
} from './model';
import { fingerprintKeywords } from './integrity';
import type { PdfProducer, ProducedPdf, SignatureBlock } from './pdf-producer';

interface SignPayload {
  pdf: Uint8Array; p12: Uint8Array; passphrase: string; name: string; role?: string; page?: number; signatoryIndex: number; acceptNameMismatch: boolean;
  box?: { page: number; rect: [number, number, number, number] };
}

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
      format: 'pdf', today: p.today, version: p.title, footerText: p.footer, ...(p.number > 1 ? { avenant: p.number - 1 } : {}), keywords: fingerprintKeywords(p.contentSha),
      annexes: p.annex ? [{ title: 'Ce que change cet avenant', text: p.annex.map((l) => `- ${plainLine(l)}`).join('\n') }] : undefined,
    }, { step: () => ctx.checkCancelled() });
    const pdf = new Uint8Array(out.bytes);
    const heights = (await pdfLib().PDFDocument.load(pdf, { updateMetadata: false })).getPages().map((pg) => pg.getHeight());
    // pdfkit measures from the top of the page, PDF user space from the bottom.
    const blocks: SignatureBlock[] = out.signatures.map((b) => ({
      signatoryId: b.signatoryId, page: b.page - 1, rect: [b.x, (heights[b.page - 1] ?? 841.89) - b.y - b.height, b.width, b.height],
    }));
    return { pdf, blocks };
  } finally {
    db.close();
  }
}

async function freezeWork(p: FreezePayload, ctx: WorkContext): Promise<FreezeResult> {
  ctx.progress(0, null, 'Création du PDF');
  const { pdf, blocks } = producer ? await producer(p.content, { footer: p.footer, title: p.title, annex: p.annex, keywords: fingerprintKeywords(p.contentSha) }) : await protocolePdf(p, ctx);
  ctx.checkCancelled();
  return { pdf, blocks, contentJson: p.contentJson, contentSha: p.contentSha, number: p.number };
}

async function signWork(p: SignPayload, ctx: WorkContext): Promise<{ pdf: Uint8Array }> {
  ctx.progress(0, null, 'Signature du PDF');
  const signed = await signPdf(p.pdf, {
    p12: p.p12, passphrase: p.passphrase, name: p.name, role: p.role, page: p.page, signatoryIndex: p.signatoryIndex,
    acceptNameMismatch: p.acceptNameMismatch, box: p.box, tick: () => ctx.checkCancelled(),
  });
  return { pdf: signed.pdf };
}

interface FreezePayload {
  content: TrameDocument; contentJson: string; contentSha: string; number: number; footer: string; title: string; annex?: string[];
  /** A snapshot of the open contrat (the protocole renderer reads its settings from it) and the day printed. */
  image: Uint8Array; documentId: string | null; today: string;
}
interface FreezeResult { pdf: Uint8Array; blocks: SignatureBlock[]; contentJson: string; contentSha: string; number: number }

/**
 * Freezing: the content is read on the main thread (a snapshot), the PDF made in the worker, the row written at the
 * end. A PAdES signature: the certificate read here, the signature computed in the worker, the row written at the end.
 */
export const versionsJobDeclarations: JobsOf<FeatureContext, typeof versionsJobs> = {
  'versions.freeze': {
    prepare: ({ docs }, { docId }) => {
      const s = docs.docOf(docId);
      if (s.readOnly) throw new TrameError('lecture-seule', s.readOnlyReason ?? 'Ce contrat est ouvert en lecture seule.');
      // Ready to sign: every mandatory part written, no blank left, each partner that commits money with a signatory.
      const { missing } = frameState(s);
      if (missing.length) throw notReady(missing);
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
      const { image, documentId, transfer } = snapshotOf(s);
      const payload: FreezePayload = {
        content, contentJson, contentSha, number, footer: fingerprintLine(number, contentSha), title: versionTitle(number), annex,
        image, documentId, today,
      };
      return { payload, transfer };
    },
    work: freezeWork,
    finish: ({ docs }, r: FreezeResult, { docId }) => {
      const s = docs.docOf(docId);
      // The contrat may have been edited while the PDF was being made: what is frozen must be what the PDF shows.
      if (sha256(canonicalJson(draft(s))) !== r.contentSha) {
        throw new TrameError('entree-invalide', 'Le contrat a été modifié pendant la création du PDF : rien n’a été figé. Cliquez de nouveau sur « Figer pour signature ».');
      }
      const content = JSON.parse(r.contentJson) as TrameDocument;
      const id = insertVersion(s, { content, contentJson: r.contentJson, contentSha: r.contentSha, number: r.number, pdf: r.pdf, blocks: r.blocks });
      return versionOf(s, id);
    },
  },
  'versions.signPades': {
    prepare: ({ docs }, { docId, versionId, signatoryId, p12Path, passphrase, acceptNameMismatch }) => {
      const s = docs.docOf(docId);
      const v = versionOf(s, versionId);
      const who = signatoryOf(s, v, signatoryId);
      const p12 = readInputFile(p12Path, 'un certificat .p12 ou .pfx', 1_000_000);
      const block = versionBlocks(s, versionId).find((b) => b.signatoryId === signatoryId);
      const pdf = currentPdf(s, versionId);
      const payload: SignPayload = {
        pdf, p12, passphrase, name: who.name, role: who.role ?? undefined, page: block?.page,
        signatoryIndex: v.signatories.findIndex((x) => x.id === signatoryId) + 1, acceptNameMismatch: acceptNameMismatch === true,
        // [x, y, width, height] → [left, bottom, right, top]: the box itself when the PDF does not name it.
        box: block ? { page: block.page, rect: [block.rect[0], block.rect[1], block.rect[0] + block.rect[2], block.rect[1] + block.rect[3]] } : undefined,
      };
      return { payload, transfer: [pdf.buffer as ArrayBuffer, p12.buffer as ArrayBuffer] };
    },
    work: signWork,
    finish: ({ docs }, { pdf }: { pdf: Uint8Array }, { docId, versionId, signatoryId }) => {
      const s = docs.docOf(docId);
      const v = versionOf(s, versionId);
      const who = signatoryOf(s, v, signatoryId); // not signed meanwhile
      const before = currentPdf(s, versionId);
      // Another signature added while this one was computed: this one would drop it.
      if (!Buffer.from(pdf.subarray(0, before.length)).equals(Buffer.from(before))) {
        throw new TrameError('entree-invalide', 'Une autre signature a été ajoutée pendant le calcul de celle-ci : recommencez la signature.');
      }
      insertSignature(s, { versionId, signatoryId, signerName: who.name, kind: 'pades', pdf });
      return versionOf(s, versionId);
    },
  },
};
