import type { HandlersOf } from '../../api/registry';
import { TrameError } from '../../api/result';
import type { TrameDocument } from '../../domain/format-types';
import { writeFileAtomic } from '../../files';
import { prepareTarget, type Doc, type FeatureContext } from '../../session';
import { exportDocument } from '../files';
import { findSignatures, readInputFile, verifyPdf } from '../signing';
import { saveCleanCopy } from './clean-copy';
import type { VersionInfo, versionsContract } from './contract';
import { diffVersions } from './diff';
import { pngFromDataUrl, stampDrawnSignature } from './drawn';
import {
  canonicalJson, currentPdf, frozenPdf, insertSignature, listVersions, sha256, versionBlocks, versionContent, versionOf,
} from './model';

export function draft(s: Doc): TrameDocument {
  return exportDocument({ run: s.run, documentId: s.identity().documentId });
}

/** Electronic signatures expected in the PDF: every signatory, but those who drew theirs. */
function electronicExpected(v: VersionInfo): number {
  return v.signatoriesTotal - v.signatures.filter((x) => x.kind === 'drawn').length;
}

export function signatoryOf(s: Doc, v: VersionInfo, signatoryId: string) {
  const who = v.signatories.find((x) => x.id === signatoryId);
  if (!who) throw new TrameError('introuvable', 'Ce signataire ne figure pas dans cette version : choisissez un signataire de la liste.');
  if (who.signed) throw new TrameError('entree-invalide', `${who.name} a déjà signé « ${v.title} » : chacun ne signe qu’une fois.`);
  if (!v.intact) currentPdf(s, v.id); // throws the French « altéré » message
  return who;
}

export function versionsHandlers({ docs }: FeatureContext): HandlersOf<typeof versionsContract> {
  const side = (s: Doc, which: string): TrameDocument => (which === 'brouillon' ? draft(s) : versionContent(s, which));
  return {
    'versions.list': ({ docId }) => {
      const s = docs.docOf(docId);
      const versions = listVersions(s);
      const last = versions[versions.length - 1];
      return { versions, draftChanged: !last || sha256(canonicalJson(draft(s))) !== last.contentSha256 };
    },
    'versions.exportPdf': ({ docId, versionId, path: p, replace }) => {
      const target = prepareTarget(p, '.pdf', 'Le PDF', replace);
      writeFileAtomic(target.file, currentPdf(docs.docOf(docId), versionId), { replace: target.replace });
      return { path: target.file };
    },
    'versions.signDrawn': async ({ docId, versionId, signatoryId, png }) => {
      const s = docs.docOf(docId);
      const v = versionOf(s, versionId);
      const who = signatoryOf(s, v, signatoryId);
      const block = versionBlocks(s, versionId).find((b) => b.signatoryId === signatoryId);
      if (!block) throw new TrameError('introuvable', `Le PDF de cette version n’a pas de bloc de signature pour ${who.name}.`);
      const now = currentPdf(s, versionId);
      // The first electronic signature certifies the document: an annotation added after it is a modification.
      if (findSignatures(Buffer.from(now)).length) {
        throw new TrameError('entree-invalide', `« ${v.title} » porte déjà une signature électronique, qui le certifie : une signature dessinée ajoutée maintenant serait une modification du document signé. ${who.name} signe avec un certificat, ou sur papier.`);
      }
      const pdf = await stampDrawnSignature(now, pngFromDataUrl(png), block, who.name);
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
      // The same analysis as `trame verify`: every signature valid and nothing but later signatures after each one.
      const report = await verifyPdf(bytes, { expected: electronicExpected(v) });
      if (!report.ok) {
        throw new TrameError('entree-invalide', `PDF refusé : ${report.summary}`, report.signatures.flatMap((x) => (x.valid ? x.afterDetails : [x.verdict])).slice(0, 8));
      }
      const added = report.signatures.slice(findSignatures(Buffer.from(now)).length);
      if (!added.length) throw new TrameError('entree-invalide', 'Ce PDF n’apporte aucune nouvelle signature électronique.');
      for (const sig of added) {
        const name = signerName?.trim() || sig.signer || sig.name || 'Signataire inconnu';
        const match = v.signatories.find((x) => !x.signed && name.toLowerCase().includes(x.name.toLowerCase()));
        insertSignature(docs.docOf(docId), { versionId, signatoryId: match?.id ?? null, signerName: name, kind: 'imported', pdf: bytes });
      }
      return versionOf(s, versionId);
    },
    'versions.verify': ({ docId, versionId }) => {
      const s = docs.docOf(docId);
      return verifyPdf(currentPdf(s, versionId), { expected: electronicExpected(versionOf(s, versionId)) });
    },
    'versions.diff': ({ docId, from, to }) => {
      const s = docs.docOf(docId);
      return diffVersions(side(s, from), side(s, to));
    },
    'versions.cleanCopy': ({ docId, path: p }) => ({ path: saveCleanCopy(docs.docOf(docId), p) }),
  };
}
