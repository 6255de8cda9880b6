// Verifying every signature of any PDF: who signed, when, with which certificate, whether the signed bytes are
// intact, and what happened to the document after each signature. Never claims more than was checked: the trust
// in a certificate (chain up to an authority, revocation) is left to a reader that knows the authorities.
import { TrameError } from '../../api/result';
import { checkCms } from './cms';
import type { SignatureReport, VerifyReport } from './contract';
import { findSignatures, isPdf, pdfDate } from './pdf-signatures';
import { analyseAfter, loadForAnalysis, type AfterKind } from './revisions';

export type { SignatureReport, VerifyReport } from './contract';

function frDate(iso: string): string {
  return new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
}

export async function verifyPdf(bytes: Uint8Array): Promise<VerifyReport> {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPdf(pdf)) throw new TrameError('entree-invalide', 'Ce fichier n’est pas un PDF : seul un PDF peut porter des signatures à vérifier.');
  const found = findSignatures(pdf);
  if (!found.length) return { signatures: [], ok: false, summary: 'Ce PDF ne porte aucune signature électronique.' };
  const full = await loadForAnalysis(pdf);
  const out: SignatureReport[] = [];
  for (const [i, f] of found.entries()) {
    const byteRangeOk = f.malformed === null;
    const [, b, c, d] = f.byteRange;
    const cms = byteRangeOk
      ? checkCms(f.contents, [pdf.subarray(0, b), pdf.subarray(c, c + d)])
      : { readable: false, digestOk: false, signatureOk: false, signingTime: null, certificate: null, problems: [`Signature mal formée : ${f.malformed}.`] };
    const valid = byteRangeOk && cms.digestOk && cms.signatureOk;
    const whole = f.end >= pdf.length || /^\s*$/.test(pdf.subarray(f.end).toString('latin1'));
    let after: AfterKind = 'rien';
    let afterDetails: string[] = [];
    if (!whole) {
      if (full) ({ kind: after, details: afterDetails } = await analyseAfter(pdf, f.end, full));
      else {
        after = 'modifie';
        afterDetails = ['Le fichier entier ne se relit pas comme un PDF.'];
      }
    }
    const signedAt = cms.signingTime ?? pdfDate(f.m);
    const notes = [...cms.problems];
    const cert = cms.certificate;
    if (cert) {
      if (cert.selfSigned) notes.push('Certificat auto-signé : la signature garantit que le document n’a pas changé, pas l’identité du signataire.');
      else notes.push(`Certificat émis par ${cert.issuer} : la confiance dans cette autorité n’est pas vérifiée par Trame (c’est le rôle d’un lecteur qui connaît les autorités, RGS/eIDAS).`);
      if (signedAt && (signedAt.toISOString() < cert.validFrom || signedAt.toISOString() > cert.validTo)) {
        notes.push('La date de signature annoncée est hors de la période de validité du certificat.');
      }
    }
    let verdict: string;
    if (!valid) verdict = 'Signature invalide : ' + (cms.problems[0] ?? 'les octets signés ont changé.');
    else if (whole) verdict = i === found.length - 1 ? 'Signature valide — document entièrement signé.' : 'Signature valide.';
    else if (after === 'signatures') verdict = 'Signature valide ; le document n’a reçu depuis que d’autres signatures ou annotations.';
    else verdict = 'Signature valide, mais le document a été modifié après cette signature.';
    out.push({
      index: i + 1,
      signer: cert?.commonName ?? f.name,
      name: f.name,
      reason: f.reason,
      location: f.location,
      signedAt: signedAt ? signedAt.toISOString() : null,
      subFilter: f.subFilter,
      certificate: cert,
      byteRangeOk,
      digestOk: cms.digestOk,
      signatureOk: cms.signatureOk,
      valid,
      coversWholeDocument: whole,
      after,
      afterDetails,
      verdict,
      notes,
    });
  }
  const broken = out.filter((s) => !s.valid).length;
  const modified = out.some((s) => s.after === 'modifie');
  const n = out.length;
  const ok = broken === 0 && !modified;
  let summary: string;
  if (broken) summary = `${broken} signature(s) sur ${n} invalide(s) : le document signé a été altéré.`;
  else if (modified) summary = `${n} signature(s) valide(s), mais le contenu a été modifié après une signature.`;
  else if (out[n - 1].coversWholeDocument) summary = `${n} signature(s) valide(s) ; document entièrement signé.`;
  else summary = `${n} signature(s) valide(s).`;
  return { signatures: out, ok, summary };
}

/** The report as plain French text (CLI, logs). */
export function reportText(r: VerifyReport): string {
  const lines = [r.summary];
  for (const s of r.signatures) {
    lines.push('', `Signature ${s.index} : ${s.signer ?? 'signataire inconnu'}${s.name && s.name !== s.signer ? ` (${s.name})` : ''}`);
    if (s.reason) lines.push(`  Motif : ${s.reason}`);
    if (s.signedAt) lines.push(`  Signée le : ${frDate(s.signedAt)} (heure annoncée par le signataire)`);
    if (s.certificate) {
      lines.push(`  Certificat : ${s.certificate.subject}`, `  Émis par : ${s.certificate.issuer}`);
      lines.push(`  Valable du ${frDate(s.certificate.validFrom)} au ${frDate(s.certificate.validTo)}`);
    }
    lines.push(`  Plage signée : ${s.byteRangeOk ? 'correcte' : 'incorrecte'} ; empreinte : ${s.digestOk ? 'identique' : 'différente'} ; signature : ${s.signatureOk ? 'valide' : 'invalide'}`);
    lines.push(`  ${s.verdict}`);
    for (const d of s.afterDetails) lines.push(`  - ${d}`);
    for (const n of s.notes) lines.push(`  Note : ${n}`);
  }
  return lines.join('\n');
}
