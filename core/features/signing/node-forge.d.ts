// The few parts of node-forge (a dependency of @signpdf/signer-p12, which ships no types for it) that Trame uses to
// open a PKCS#12 file before signing: the same parser the signer uses, so what passes here signs there.
declare module 'node-forge' {
  interface ForgeCertificate {
    serialNumber: string;
    validity: { notBefore: Date; notAfter: Date };
    subject: { attributes: { shortName?: string; name?: string; value: string }[] };
    issuer: { attributes: { shortName?: string; name?: string; value: string }[] };
    publicKey: { n?: { compareTo(o: unknown): number }; e?: { compareTo(o: unknown): number } };
    getExtension(name: string): Record<string, unknown> | null;
  }
  interface Bag { cert?: ForgeCertificate; key?: { n?: { compareTo(o: unknown): number }; e?: { compareTo(o: unknown): number } } }
  interface Pkcs12 { getBags(filter: { bagType: string }): Record<string, Bag[] | undefined> }
  const forge: {
    util: { createBuffer(bytes: string): unknown };
    asn1: { fromDer(buffer: unknown, strict?: boolean): unknown; toDer(obj: unknown): { getBytes(): string } };
    pkcs12: { pkcs12FromAsn1(asn1: unknown, strict: boolean, password: string): Pkcs12 };
    pki: { oids: Record<string, string>; certificateToAsn1(c: ForgeCertificate): unknown; privateKeyToPem(k: unknown): string };
  };
  export default forge;
}
