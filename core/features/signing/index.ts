export { signingContract, signingJobs, type AfterKind, type CertificateInfo, type SignatureReport, type VerifyReport } from './contract';
export { signingHandlers } from './handlers';
export { signingJobDeclarations } from './jobs';
export { addAnnotation, NAME_MISMATCH, signPdf, type SignOptions, type SignResult } from './sign';
export { verifyPdf, reportText, frDate, type VerifyOptions } from './verify';
export { findSignatures, isPdf } from './pdf-signatures';
export { readInputFile } from './files';
export { pdfLib } from './libs';
