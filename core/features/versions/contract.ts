// « Versions et signatures »: freezing the protocole for signature, the versions and their status, drawn and
// PAdES signatures, importing a PDF signed elsewhere, exporting a version's PDF, the avenant diff, and the copy of
// the contrat without history.
import { z } from 'zod';
import { job } from '../../api/jobs';
import { channel, defineContract } from '../../api/registry';
import { docId, id, path, text } from '../../api/values';
import type { VerifyReport } from '../signing/contract';
import type { AvenantDiff } from './diff';

export type SignatureKind = 'drawn' | 'pades' | 'imported';

export interface VersionSignatory { id: string; name: string; role: string | null; signed: boolean }

export interface VersionInfo {
  id: string;
  number: number;
  /** « Protocole d’engagements », « Avenant n° 1 »… */
  title: string;
  frozenAt: string;
  frozenBy: string;
  /** SHA-256 of the frozen content (canonical JSON): the fingerprint printed on every page. */
  contentSha256: string;
  /** SHA-256 of the frozen PDF's bytes. */
  pdfSha256: string;
  /** figé, signé par N sur M (en-signature), signé; altere: the file's copy no longer matches its fingerprints. */
  status: 'fige' | 'en-signature' | 'signe' | 'altere';
  statusLabel: string;
  intact: boolean;
  /** What does not hold when it is not intact, in French (core/features/versions/integrity.ts). */
  problems: string[];
  signatoriesTotal: number;
  signatories: VersionSignatory[];
  signatures: { position: number; signatoryId: string | null; signerName: string; kind: SignatureKind; signedAt: string; signedBy: string }[];
}

export interface VersionsState {
  versions: VersionInfo[];
  /** « Brouillon » : the contrat as it is now differs from the last frozen version (or none was frozen). */
  draftChanged: boolean;
}

const versionId = id;
/** The contrat as it is now, or a frozen version. */
const side = z.union([z.literal('brouillon'), versionId]);

export const versionsContract = defineContract('versions', {
  'versions.list': channel<VersionsState>()(z.strictObject({ docId })),
  /** Writes the version's PDF as it stands (signed so far, else frozen) to a .pdf file (temp file, then rename). */
  'versions.exportPdf': channel<{ path: string }>()(z.strictObject({ docId, versionId, path, replace: z.boolean().optional() })),
  /** A signatory's drawn signature (PNG as a data URL from the signature pad), stamped in their block. */
  'versions.signDrawn': channel<VersionInfo>()(
    z.strictObject({ docId, versionId, signatoryId: id, png: z.string().min(1).max(4_000_000) }),
  ),
  /** Brings back a PDF signed elsewhere (parapheur, other tool): it must extend this version's PDF. */
  'versions.importSigned': channel<VersionInfo>()(z.strictObject({ docId, versionId, path, signerName: text(200).optional() })),
  /** Verifies the signatures of the version's PDF as it stands. */
  'versions.verify': channel<VerifyReport>()(z.strictObject({ docId, versionId })),
  /** What changed between two versions (or a version and the contrat as it is now). */
  'versions.diff': channel<AvenantDiff>()(z.strictObject({ docId, from: side, to: side })),
  /** « Enregistrer une copie sans historique » : a new .trame without journal, deleted items nor frozen versions. */
  'versions.cleanCopy': channel<{ path: string }>()(z.strictObject({ docId, path })),
});

export const versionsJobs = {
  /** « Figer pour signature » : an immutable version, its PDF (made in the job worker) with the fingerprint on every page. */
  'versions.freeze': job<VersionInfo>()(z.strictObject({ docId })),
  /**
   * A signatory's PAdES signature with a .p12/.pfx, computed in the worker and drawn in their box; the passphrase is
   * used once, never stored nor logged. A certificate held by someone else is refused (error details[0] =
   * 'nom-different', then the signatory's and the holder's names) unless acceptNameMismatch.
   */
  'versions.signPades': job<VersionInfo>()(
    z.strictObject({ docId, versionId, signatoryId: id, p12Path: path, passphrase: z.string().max(1024), acceptNameMismatch: z.boolean().optional() }),
  ),
};
