// Signing and verifying any PDF, outside of a contrat: verify a file received by e-mail. Result types are pure
// (the renderer shows them).
import { z } from 'zod';
import { job } from '../../api/jobs';
import { defineContract } from '../../api/registry';
import { path } from '../../api/values';

/**
 * After a signature: nothing, only later signatures (each with its own widget and appearance), a real change of
 * what a viewer shows, or the analysis could not conclude (bound reached, structure unreadable): never valid.
 */
export type AfterKind = 'rien' | 'signatures' | 'modifie' | 'indetermine';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Common name of the subject, when it has one. */
  commonName: string | null;
  validFrom: string; // ISO
  validTo: string; // ISO
  selfSigned: boolean;
  serial: string;
}

export interface SignatureReport {
  index: number;
  /** Who signed: the certificate's common name, else the /Name written in the PDF. */
  signer: string | null;
  name: string | null;
  reason: string | null;
  location: string | null;
  /** ISO; the time claimed by the signer (signed attribute, else /M): not a trusted timestamp. */
  signedAt: string | null;
  subFilter: string | null;
  certificate: CertificateInfo | null;
  /** The ByteRange describes the file correctly. */
  byteRangeOk: boolean;
  /** The signed bytes hash to the signed digest. */
  digestOk: boolean;
  /** The CMS signature checks with the certificate's key. */
  signatureOk: boolean;
  valid: boolean;
  coversWholeDocument: boolean;
  after: AfterKind;
  /** What changed after this signature, by page (French sentences). */
  afterDetails: string[];
  /** A certification signature (DocMDP): its /P (1 no change, 2 form filling and signatures, 3 also annotations). */
  docMdp: number | null;
  /** French sentences, for the UI and the CLI. */
  verdict: string;
  notes: string[];
}

export interface VerifyReport {
  signatures: SignatureReport[];
  /** Every signature valid and no content changed after any of them. */
  ok: boolean;
  /** Signatories expected when the PDF is a Trame version (its signature boxes), else null: not known. */
  expected: number | null;
  /** Every expected signatory signed and nothing changed since. */
  complete: boolean;
  summary: string;
}


export const signingContract = defineContract('signing', {});

export const signingJobs = {
  /** Verifies every signature of any PDF, in the job worker (read only: the file is not changed). */
  'signing.verifyFile': job<VerifyReport>()(z.strictObject({ path })),
};
