// Verifying every signature of any PDF: who signed, when, with which certificate, whether the signed bytes are
// intact, and what a viewer shows after each signature compared with what was signed (revisions.ts), by page.
// Never claims more than was checked: the trust in a certificate (chain up to an authority, revocation) is left to
// a reader that knows the authorities. Bounded (signatures, revisions, objects, time) and cancellable (`tick`).
import { TrameError } from '../../api/result';
import { signatureBoxes, type SignatureBox } from './boxes';
import { createHash, type Hash } from 'node:crypto';
import { checkCms, type HashedPrefix } from './cms';
import type { SignatureReport, VerifyReport } from './contract';
import { findSignatures, isPdf, MAX_SIGNATURES, pdfDate } from './pdf-signatures';
import { budget, PDict, readCache, readRevision, Unreadable, type Budget, type ReadCache, type Revision } from './pdf-reader';
import { compareMemo, compareRevisions, type AfterKind } from './revisions';

export type { SignatureReport, VerifyReport } from './contract';

export interface VerifyOptions {
  /** Called often during the analysis; throws to stop it (a cancelled job). */
  tick?: () => void;
  /** Time allowed for the analysis, ms (beyond: « could not conclude », exit 1). */
  timeMs?: number;
  /** Signatories expected, when the caller knows them (a Trame version); else read from the PDF's boxes. */
  expected?: number;
}

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const OFFSET = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' });

/** « 5 décembre 2026 à 10:42 (heure de Paris, UTC+1) »: a time always says its zone. */
export function frDate(iso: string): string {
  const d = new Date(iso);
  const zone = OFFSET.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC+1';
  return `${DATE.format(d)} (heure de Paris, ${zone.replace('GMT', 'UTC')})`;
}

/** /P of a certification signature (DocMDP) in the signature dictionary at the end of the revision, else null. */
function docMdpOf(rev: Revision | null, byteRange: number[]): number | null {
  if (!rev) return null;
  const form = rev.resolve((rev.resolve(rev.trailer.get('Root')) as PDict | undefined)?.get?.('AcroForm'));
  const perms = rev.resolve((rev.resolve(rev.trailer.get('Root')) as PDict | undefined)?.get?.('Perms'));
  if (!(perms instanceof PDict) || !(form instanceof PDict)) return null;
  const sig = rev.resolve(perms.get('DocMDP'));
  if (!(sig instanceof PDict)) return null;
  const br = rev.resolve(sig.get('ByteRange'));
  if (!Array.isArray(br) || !byteRange.every((n, i) => rev.resolve(br[i]) === n)) return null;
  const refs = rev.resolve(sig.get('Reference'));
  for (const r of Array.isArray(refs) ? refs : []) {
    const tp = rev.resolve((rev.resolve(r) as PDict | undefined)?.get?.('TransformParams'));
    if (tp instanceof PDict) return Number(rev.resolve(tp.get('P')) ?? 2);
  }
  return 2;
}

/** An invisible widget (no area), or one inside a signatory's box and its date line (2 pt of tolerance). */
function inBoxes(page: number, rect: number[], boxes: SignatureBox[]): boolean {
  if (rect.length !== 4) return false;
  const [l, b, r, t] = [Math.min(rect[0], rect[2]), Math.min(rect[1], rect[3]), Math.max(rect[0], rect[2]), Math.max(rect[1], rect[3])];
  if (r - l <= 0 || t - b <= 0) return true;
  return boxes.some((x) => {
    const d = x.dateRect ?? x.rect;
    const u = [Math.min(x.rect[0], d[0]), Math.min(x.rect[1], d[1]), Math.max(x.rect[2], d[2]), Math.max(x.rect[3], d[3])];
    return x.page === page && l >= u[0] - 2 && b >= u[1] - 2 && r <= u[2] + 2 && t <= u[3] + 2;
  });
}

function onlyWhiteSpace(b: Buffer): boolean {
  for (const c of b) if (![0, 9, 10, 12, 13, 32].includes(c)) return false;
  return true;
}

function read(pdf: Buffer, end: number, b: Budget, cache: ReadCache): Revision | string {
  try {
    return readRevision(pdf, end, b, cache);
  } catch (err) {
    if (err instanceof Unreadable) return err.message;
    throw err;
  }
}

export async function verifyPdf(bytes: Uint8Array, o: VerifyOptions = {}): Promise<VerifyReport> {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPdf(pdf)) throw new TrameError('entree-invalide', 'Ce fichier n’est pas un PDF : seul un PDF peut porter des signatures à vérifier.');
  const found = findSignatures(pdf);
  const none = (summary: string): VerifyReport => ({ signatures: [], ok: false, expected: o.expected ?? null, complete: false, summary });
  if (!found.length) return none('Ce PDF ne porte aucune signature électronique.');
  if (found.length > MAX_SIGNATURES) {
    return none(`Analyse impossible : ce PDF annonce plus de ${MAX_SIGNATURES} signatures (fichier suspect). Sa validité ne peut pas être établie.`);
  }
  const b = budget(o.tick, o.timeMs ?? 20_000);
  // Every revision is a prefix of the file: an object read in one is not read again in another.
  const cache = readCache();
  const memo = compareMemo();
  const final = read(pdf, pdf.length, b, cache);
  const eof = pdf.lastIndexOf('%%EOF', undefined, 'latin1');
  const trailing = eof < 0 ? 0 : onlyWhiteSpace(pdf.subarray(eof + 5)) ? 0 : pdf.length - eof - 5;
  let boxes: SignatureBox[] = [];
  if (typeof final !== 'string') {
    try {
      boxes = signatureBoxes(final, b);
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
    }
  }
  const expected = o.expected ?? (boxes.length || null);
  // Every signature covers the file from its first byte: that common start is hashed once.
  const skip = Math.min(...found.map((f) => (f.malformed === null ? f.byteRange[1] : Infinity)));
  const started = new Map<string, Hash>();
  const prefix: HashedPrefix = {
    skip,
    start: (alg) => {
      if (!started.has(alg)) started.set(alg, createHash(alg).update(pdf.subarray(0, skip)));
      return started.get(alg)!.copy();
    },
  };
  const checks = found.map((f) => {
    const [, bb, c, d] = f.byteRange;
    return f.malformed === null
      ? checkCms(f.contents, [pdf.subarray(0, bb), pdf.subarray(c, c + d)], Number.isFinite(skip) ? prefix : undefined)
      : { readable: false, digestOk: false, signatureOk: false, signingTime: null, certificate: null, problems: [`Signature mal formée : ${f.malformed}.`] };
  });
  const validity = found.map((f, i) => f.malformed === null && checks[i].digestOk && checks[i].signatureOk);
  const out: SignatureReport[] = [];
  for (const [i, f] of found.entries()) {
    b.tick();
    const cms = checks[i];
    const valid = validity[i];
    const whole = f.end >= pdf.length || onlyWhiteSpace(pdf.subarray(f.end));
    let after: AfterKind = 'rien';
    let afterDetails: string[] = [];
    let rev: Revision | string | null = null;
    if (valid) {
      rev = read(pdf, f.end, b, cache);
      if (!whole) {
        if (typeof final === 'string') [after, afterDetails] = ['indetermine', [`Le document final ne se lit pas comme le lirait un lecteur de PDF : ${final}.`]];
        else if (typeof rev === 'string') [after, afterDetails] = ['indetermine', [`La version signée ne se relit pas : ${rev}.`]];
        else {
          try {
            const later = found.map((g, j) => ({ byteRange: [...g.byteRange], valid: validity[j] && g.end > f.end, contents: g.contents }));
            const r = compareRevisions(rev, final, later, b, memo);
            after = r.kind;
            afterDetails = r.details;
            if (r.kind === 'rien') [after, afterDetails] = ['modifie', ['Une mise à jour non signée a été ajoutée après cette signature (sans changement visible trouvé).']];
            if (after === 'signatures' && r.added.length) afterDetails = r.added.map((a) => `Signature ajoutée ensuite, page ${a.page}.`);
            // In a Trame version, a later signature draws only in a signatory's box: elsewhere it could hide the text.
            const astray = boxes.length ? r.added.filter((a) => !inBoxes(a.page - 1, a.rect, boxes)) : [];
            if (astray.length) {
              after = 'modifie';
              afterDetails = [...afterDetails, ...astray.map((a) => `Page ${a.page} : une signature ajoutée ensuite dessine hors des cadres de signature (elle peut masquer le texte).`)];
            }
          } catch (err) {
            const deep = err instanceof RangeError; // the call stack, on a hostile nesting the bounds did not stop
            if (!(err instanceof Unreadable) && !deep) throw err;
            [after, afterDetails] = ['indetermine', [`Analyse impossible : ${deep ? 'structure trop profonde' : (err as Error).message}.`]];
          }
        }
        if (trailing && after !== 'indetermine') {
          after = 'modifie';
          afterDetails = [...afterDetails, `${trailing} octet(s) ajouté(s) après la fin du document.`];
        }
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
    const docMdp = typeof rev === 'object' ? docMdpOf(rev, [...f.byteRange]) : null;
    if (docMdp !== null) notes.push(`Signature de certification : après elle, ${docMdp === 1 ? 'aucune modification' : docMdp === 2 ? 'seules d’autres signatures (et le remplissage de champs)' : 'seules d’autres signatures, champs et annotations'} sont permis.`);
    let verdict: string;
    if (!valid) verdict = 'Signature invalide : ' + (cms.problems[0] ?? 'les octets signés ont changé.');
    else if (whole) verdict = 'Signature valide ; elle couvre tout le document.';
    else if (after === 'signatures') verdict = 'Signature valide ; le document n’a reçu depuis que d’autres signatures valides.';
    else if (after === 'indetermine') verdict = 'Signature valide, mais Trame n’a pas pu établir ce qui a changé depuis : document à ne pas tenir pour intact.';
    else verdict = 'Signature valide, mais le document a été modifié après cette signature.';
    out.push({
      index: i + 1, signer: cert?.commonName ?? f.name, name: f.name, reason: f.reason, location: f.location,
      signedAt: signedAt ? signedAt.toISOString() : null, subFilter: f.subFilter, certificate: cert,
      byteRangeOk: f.malformed === null, digestOk: cms.digestOk, signatureOk: cms.signatureOk, valid,
      coversWholeDocument: whole, after, afterDetails, docMdp, verdict, notes,
    });
  }
  const n = out.length;
  const broken = out.filter((s) => !s.valid).length;
  const modified = out.some((s) => s.after === 'modifie');
  const unknown = out.some((s) => s.after === 'indetermine');
  const ok = broken === 0 && !modified && !unknown;
  const complete = ok && expected !== null && n >= expected;
  const count = expected !== null ? `${n} signature${n > 1 ? 's' : ''} sur ${expected} attendue${expected > 1 ? 's' : ''}` : `${n} signature${n > 1 ? 's' : ''} valide${n > 1 ? 's' : ''}`;
  let summary: string;
  if (broken) summary = `${broken} signature(s) sur ${n} invalide(s) : le document signé a été altéré.`;
  else if (modified) {
    const first = out.find((s) => s.after === 'modifie')!;
    summary = `${n} signature(s) valide(s), mais le contenu a été modifié après une signature (${first.afterDetails[0] ?? 'modification'}).`;
  } else if (unknown) summary = `${n} signature(s) valide(s), mais Trame n’a pas pu établir ce qui a changé après une signature : document à ne pas tenir pour intact.`;
  else if (complete) summary = `${count} : document entièrement signé, rien n’a changé depuis.`;
  else if (expected !== null) summary = `${count} : signatures valides, rien n’a changé depuis ; il en manque ${expected - n}.`;
  else summary = `${count} ; rien n’a changé depuis. Ce PDF n’est pas une version de Trame : les signataires attendus ne sont pas connus.`;
  return { signatures: out, ok, expected, complete, summary };
}

/** The report as plain French text (CLI, logs). */
export function reportText(r: VerifyReport): string {
  const lines = [r.summary];
  for (const s of r.signatures) {
    lines.push('', `Signature ${s.index} : ${s.signer ?? 'signataire inconnu'}${s.name && s.name !== s.signer ? ` (${s.name})` : ''}`);
    if (s.reason) lines.push(`  Motif : ${s.reason}`);
    if (s.signedAt) lines.push(`  Signée le : ${frDate(s.signedAt)} (heure annoncée par le signataire ; ${s.signedAt.slice(0, 16).replace('T', ' ')} UTC)`);
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
