// A PAdES baseline (ETSI.CAdES.detached) signer built with pkijs: signed attributes contentType, messageDigest and
// signing-certificate-v2 (which binds the signature to its certificate), no signing-time attribute (PAdES puts the
// claimed time in the signature dictionary's /M), the signature itself made by node:crypto. Written here instead of
// @signpdf/signer-p12 because node-forge's CMS re-encodes the issuer's name and breaks the signature of any
// certificate whose name has an accent (« Préfète ») — checked with pdfsig.
import { createHash, sign as cryptoSign } from 'node:crypto';
import type * as Pkijs from 'pkijs';
import { asn1js as loadAsn1js, pkijs as loadPkijs } from './libs';
import { Signer } from '@signpdf/utils';
import type { SigningCertificate } from './certificate';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
};

function parseCert(der: Buffer): Pkijs.Certificate {
  return loadPkijs().Certificate.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
}

export class CadesSigner extends Signer {
  constructor(private readonly cert: SigningCertificate) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const asn1js = loadAsn1js();
    const pkijs = loadPkijs();
    const cert = parseCert(this.cert.der);
    const digest = createHash('sha256').update(pdfBuffer).digest();
    const certHash = createHash('sha256').update(this.cert.der).digest();
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default sha256 and
    // the issuer and serial of the certificate.
    const issuerSerial = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
        new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView }),
      ],
    });
    const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial] });
    const attributes = [
      new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
      new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
      new pkijs.Attribute({
        type: OID.signingCertificateV2,
        values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
      }),
    ];
    const signedAttrsSet = Buffer.from(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER(false));
    const signature = cryptoSign('sha256', signedAttrsSet, this.cert.key);
    const signerInfo = new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
      digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() }),
      signature: new asn1js.OctetString({ valueHex: signature }),
    });
    const signedData = new pkijs.SignedData({
      version: 1,
      digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      certificates: [cert, ...this.cert.chain.map(parseCert)],
      signerInfos: [signerInfo],
    });
    const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(contentInfo.toSchema().toBER(false));
  }
}
