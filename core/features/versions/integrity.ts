// Frozen versions that check each other (issue 21 item 4). A version stores its content, the PDF made from it and
// each signed PDF after it, each with its SHA-256; the file cannot be trusted to keep them honest on its own (any
// program can rewrite a row and its hash together), so each part is also checked against the others:
// - the content against its hash, the frozen PDF against its hash, each signed PDF against its hash;
// - the fingerprint the frozen PDF carries (its Keywords, `empreinte-sha256:…`, the hash printed in its footer)
//   against the content's hash: content and hash rewritten together no longer match the PDF;
// - each signed PDF begins with the exact bytes of the one before it (the frozen PDF for the first): a signature is
//   an incremental update, so a PDF swapped for another, or rewritten with its hash, breaks the chain;
// - the signature rows are numbered 1, 2, 3… with no gap, and the electronic signatures (PAdES, imported) in the
//   last signed PDF are as many as their rows: a row deleted in the middle, or a signature without its row, shows.
// What it cannot prove: someone who rewrites the whole version consistently (content, hashes, a new PDF with the new
// fingerprint, no signature), or who deletes the last signature rows, is not caught without a signature kept
// outside the file; the screen says so (VersionsScreen).

import { nounFor } from '../../domain/plural';

export interface StoredVersion { contentJson: string; contentSha: string; pdf: Uint8Array; pdfSha: string }
export interface StoredSignature { position: number; kind: string; pdf: Uint8Array; pdfSha: string }

/** The marker the frozen PDF carries in its Keywords: the content's hash. */
export const FINGERPRINT_MARK = 'empreinte-sha256:';

export function fingerprintKeywords(contentSha: string): string {
  return `${FINGERPRINT_MARK}${contentSha}`;
}

const startsWith = (a: Uint8Array, prefix: Uint8Array): boolean =>
  a.length >= prefix.length && Buffer.from(a.buffer, a.byteOffset, prefix.length).equals(Buffer.from(prefix.buffer, prefix.byteOffset, prefix.length));

/**
 * What does not hold in a stored version, in French (empty: every check passed). `sha256` hashes; `signaturesIn`
 * counts the electronic signatures of a PDF.
 */
export function versionProblems(
  v: StoredVersion,
  signatures: StoredSignature[],
  sha256: (b: Uint8Array | string) => string,
  signaturesIn: (pdf: Uint8Array) => number,
): string[] {
  const problems: string[] = [];
  if (sha256(v.contentJson) !== v.contentSha) problems.push('le contenu figé ne correspond plus à son empreinte');
  if (sha256(v.pdf) !== v.pdfSha) problems.push('le PDF figé ne correspond plus à son empreinte');
  const marks = [...Buffer.from(v.pdf).toString('latin1').matchAll(/empreinte-sha256:([0-9a-f]{64})/g)].map((m) => m[1]);
  if (marks.some((m) => m !== v.contentSha)) problems.push('l’empreinte portée par le PDF figé n’est pas celle du contenu figé');
  let previous = v.pdf;
  let electronic = 0;
  signatures.forEach((s, i) => {
    const n = i + 1;
    if (s.position !== n) problems.push(`la signature n° ${n} manque (la suivante porte le n° ${s.position})`);
    if (sha256(s.pdf) !== s.pdfSha) problems.push(`le PDF de la signature n° ${s.position} ne correspond plus à son empreinte`);
    if (!startsWith(s.pdf, previous)) problems.push(`le PDF de la signature n° ${s.position} ne prolonge pas ${i === 0 ? 'le PDF figé' : 'celui de la signature précédente'}`);
    if (s.kind !== 'drawn') electronic++;
    previous = s.pdf;
  });
  const last = signatures[signatures.length - 1];
  if (last) {
    const found = signaturesIn(last.pdf);
    if (found !== electronic) {
      problems.push(`le dernier PDF signé contient ${found} ${nounFor(found, 'signature électronique', 'signatures électroniques')}, le fichier en enregistre ${electronic}`);
    }
  }
  return problems;
}
