// Checking one PDF signature's CMS (PKCS#7) value in Node, with pkijs + asn1js for the structure and node:crypto for
// the digest and the signature: the signed byte ranges hashed again, compared with the signed messageDigest, and
// the signer's signature over the signed attributes checked with the certificate's public key. Trust in the
// certificate (a chain up to a recognised authority) is NOT checked here: the report says so.
import { createHash, verify as cryptoVerify, X509Certificate, type Hash } from 'node:crypto';
import type * as Pkijs from 'pkijs';
import { asn1js as loadAsn1js, pkijs as loadPkijs } from './libs';
import type { CertificateInfo } from './contract';

export type { CertificateInfo } from './contract';


export interface CmsCheck {
  /** The CMS value could be read. */
  readable: boolean;
  digestOk: boolean;
  signatureOk: boolean;
  signingTime: Date | null;
  certificate: CertificateInfo | null;
  problems: string[];
}

const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';

function commonName(dn: string): string | null {
  const m = /(?:^|\n)CN=([^\n]*)/.exec(dn);
  return m ? m[1] : null;
}

function certificateInfo(x: X509Certificate): CertificateInfo {
  let selfSigned = false;
  try {
    selfSigned = x.subject === x.issuer && x.verify(x.publicKey);
  } catch {
    selfSigned = false;
  }
  return {
    subject: x.subject.split('\n').join(', '),
    issuer: x.issuer.split('\n').join(', '),
    commonName: commonName(x.subject),
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    selfSigned,
    serial: x.serialNumber,
  };
}

/**
 * A hash that has already read the first bytes of the file: the signatures of one PDF all start by the same
 * megabytes, hashed once (`start(alg)` answers a copy of the hash of the first `skip` bytes).
 */
export interface HashedPrefix { skip: number; start(alg: string): Hash }

/**
 * `cms`: the signature value (DER, zero padding allowed after it); `signed`: the bytes its ByteRange covers (the
 * first part starts at the file's first byte and holds at least `prefix.skip` bytes).
 */
export function checkCms(cms: Uint8Array, signed: Buffer[], prefix?: HashedPrefix): CmsCheck {
  const out: CmsCheck = { readable: false, digestOk: false, signatureOk: false, signingTime: null, certificate: null, problems: [] };
  const asn1js = loadAsn1js();
  const pkijs = loadPkijs();
  let sd: Pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(cms);
    if (asn.offset === -1) throw new Error(asn.result.error);
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    sd = new pkijs.SignedData({ schema: ci.content });
  } catch {
    out.problems.push('La valeur de la signature est illisible (structure CMS abîmée).');
    return out;
  }
  const si = sd.signerInfos[0];
  if (!si) {
    out.problems.push('La signature ne contient aucun signataire.');
    return out;
  }
  out.readable = true;
  const certs = (sd.certificates ?? []).filter((c): c is Pkijs.Certificate => c instanceof pkijs.Certificate);
  let cert: Pkijs.Certificate | undefined;
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = si.sid;
    cert = certs.find((c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer));
  } else {
    cert = certs[0];
  }
  let x509: X509Certificate | null = null;
  if (cert) {
    try {
      x509 = new X509Certificate(Buffer.from(cert.toSchema().toBER(false)));
      out.certificate = certificateInfo(x509);
    } catch {
      out.problems.push('Le certificat du signataire est illisible.');
    }
  } else {
    out.problems.push('Le certificat du signataire n’est pas joint à la signature : impossible de la vérifier.');
  }
  const alg = DIGESTS[si.digestAlgorithm.algorithmId];
  if (!alg) {
    out.problems.push(`Algorithme d’empreinte non pris en charge (${si.digestAlgorithm.algorithmId}).`);
    return out;
  }
  const h = prefix && signed[0].length >= prefix.skip ? prefix.start(alg) : createHash(alg);
  signed.forEach((part, i) => h.update(i === 0 && prefix && signed[0].length >= prefix.skip ? part.subarray(prefix.skip) : part));
  const digest = h.digest();
  let toVerify: Buffer;
  if (si.signedAttrs && si.signedAttrs.attributes.length) {
    const attrs = si.signedAttrs.attributes;
    const md = attrs.find((a) => a.type === OID_MESSAGE_DIGEST)?.values[0];
    const mdBytes = md instanceof asn1js.OctetString ? Buffer.from(md.valueBlock.valueHexView) : null;
    out.digestOk = mdBytes !== null && mdBytes.equals(digest);
    const st = attrs.find((a) => a.type === OID_SIGNING_TIME)?.values[0];
    if (st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime) out.signingTime = st.toDate();
    toVerify = Buffer.from(si.signedAttrs.encodedValue);
  } else {
    // No signed attributes: the signature is made directly over the signed bytes.
    out.digestOk = true;
    toVerify = Buffer.concat(signed);
  }
  if (!out.digestOk) out.problems.push('Les octets signés ont changé depuis la signature (empreinte différente).');
  if (x509) {
    if (si.signatureAlgorithm.algorithmId === OID_RSASSA_PSS) {
      out.problems.push('Signature RSA-PSS : non vérifiée par Trame.');
    } else {
      try {
        out.signatureOk = cryptoVerify(alg, toVerify, x509.publicKey, Buffer.from(si.signature.valueBlock.valueHexView));
      } catch {
        out.signatureOk = false;
      }
      if (!out.signatureOk) out.problems.push('La signature ne correspond pas au certificat joint (signature invalide).');
    }
  }
  return out;
}
