/// <reference path="./node-forge.d.ts" />
// Opening a PKCS#12 (.p12/.pfx) before signing: the passphrase, the private key, the certificate that goes with it,
// its dates and its uses. Every refusal is a French sentence the signatory can act on; the passphrase is never
// kept nor put in any message.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type Forge from 'node-forge';
import { forge as loadForge } from './libs';
import { TrameError } from '../../api/result';

export interface SigningCertificate {
  /** The certificate matching the private key, DER. */
  der: Buffer;
  /** The other certificates of the file (its chain), DER. */
  chain: Buffer[];
  key: KeyObject;
  subject: string;
  issuer: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
}

const MAX_P12_BYTES = 1_000_000;

function certDer(c: Parameters<typeof Forge.pki.certificateToAsn1>[0]): Buffer {
  const forge = loadForge();
  // forge keeps each value's original bytes and tag: re-encoding gives back the certificate's exact DER.
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
}

function frenchDate(d: Date): string {
  return d.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * OpenSSL and Windows check the MAC with the passphrase as Unicode (BMPString) and decrypt the key with its UTF-8
 * bytes; node-forge uses the same string for both, so a passphrase with an accent (« secrète ») fails to decrypt
 * once the MAC has passed. Then the MAC, already verified, is set aside and the contents decrypted with the UTF-8
 * bytes.
 */
function openBags(der: string, passphrase: string): ReturnType<typeof Forge.pkcs12.pkcs12FromAsn1> {
  const forge = loadForge();
  try {
    return forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der)), false, passphrase);
  } catch (err) {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(passphrase) || !/failed to decrypt/i.test(String((err as Error)?.message))) throw err;
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der)) as { value: unknown[] };
    asn1.value.splice(2); // macData: verified above with the Unicode passphrase
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, Buffer.from(passphrase, 'utf8').toString('latin1'));
  }
}

/** Reads the .p12 with its passphrase and checks it can sign now; throws a TrameError in French otherwise. */
export function openP12(p12: Uint8Array, passphrase: string, now = new Date()): SigningCertificate {
  if (p12.byteLength === 0) throw new TrameError('entree-invalide', 'Le fichier de certificat est vide : choisissez un fichier .p12 ou .pfx.');
  if (p12.byteLength > MAX_P12_BYTES) throw new TrameError('entree-invalide', 'Ce fichier est trop gros pour être un certificat .p12 ou .pfx.');
  const forge = loadForge();
  const p12der = Buffer.from(p12).toString('binary');
  try {
    forge.asn1.fromDer(forge.util.createBuffer(p12der));
  } catch {
    throw new TrameError('entree-invalide', 'Ce fichier n’est pas un certificat .p12 ou .pfx lisible (fichier abîmé ou d’un autre type).');
  }
  let bags: ReturnType<typeof forge.pkcs12.pkcs12FromAsn1>;
  try {
    bags = openBags(p12der, passphrase);
  } catch (err) {
    const msg = String((err as Error)?.message ?? '');
    if (/unknown oid|cannot read private key/i.test(msg)) {
      throw new TrameError('entree-invalide', 'La clé de ce certificat n’est pas une clé RSA : Trame ne sait pas signer avec (demandez un certificat RSA).');
    }
    if (/mac could not be verified|invalid password|decrypt/i.test(msg)) {
      throw new TrameError('entree-invalide', 'Phrase de passe incorrecte pour ce certificat : vérifiez-la et recommencez.');
    }
    throw new TrameError('entree-invalide', 'Ce fichier n’est pas un certificat .p12 ou .pfx lisible (fichier abîmé ou d’un autre type).');
  }
  const certs = bags.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const keys = bags.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? [];
  const key = keys[0]?.key;
  // node-forge reads RSA keys only: a key bag it could not read is another kind of key (elliptic curve), not none.
  if (!key && (keys.length > 0 || (bags.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []).length > 0)) {
    throw new TrameError('entree-invalide', 'La clé de ce certificat n’est pas une clé RSA (sans doute une clé à courbe elliptique) : Trame ne sait signer qu’avec une clé RSA (demandez un certificat RSA).');
  }
  if (!key) throw new TrameError('entree-invalide', 'Ce fichier ne contient pas de clé privée : il ne permet pas de signer (demandez le certificat de signature complet, .p12 ou .pfx).');
  const cert = certs
    .map((b) => b.cert)
    .find((c) => c && key.n && key.e && c.publicKey.n?.compareTo(key.n) === 0 && c.publicKey.e?.compareTo(key.e) === 0);
  if (!cert) throw new TrameError('entree-invalide', 'Aucun certificat de ce fichier ne correspond à sa clé privée (clé RSA attendue) : il ne permet pas de signer.');
  if (now < cert.validity.notBefore) {
    throw new TrameError('entree-invalide', `Ce certificat n’est valable qu’à partir du ${frenchDate(cert.validity.notBefore)} : il ne peut pas encore signer.`);
  }
  if (now > cert.validity.notAfter) {
    throw new TrameError('entree-invalide', `Ce certificat a expiré le ${frenchDate(cert.validity.notAfter)} : il ne peut plus signer. Demandez-en un nouveau.`);
  }
  const usage = cert.getExtension('keyUsage');
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) {
    throw new TrameError('entree-invalide', 'Ce certificat n’est pas un certificat de signature (son usage l’interdit : chiffrement seulement) : choisissez votre certificat de signature.');
  }
  const der = certDer(cert);
  const x509 = new X509Certificate(der);
  return {
    der,
    chain: certs.map((b) => b.cert).filter((c): c is NonNullable<typeof c> => !!c && c !== cert).map(certDer),
    key: createPrivateKey(forge.pki.privateKeyToPem(key)),
    subject: x509.subject.split('\n').join(', '),
    issuer: x509.issuer.split('\n').join(', '),
    serial: cert.serialNumber,
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
  };
}
