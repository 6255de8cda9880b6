export { signingContract, signingJobs, type AfterKind, type CertificateInfo, type SignatureReport, type VerifyReport } from './contract';
export { signingHandlers } from './handlers';
export { signingJobDeclarations } from './jobs';
export { addAnnotation, signPdf, type SignOptions, type SignResult } from './sign';
export { verifyPdf, reportText } from './verify';
export { findSignatures, isPdf } from './pdf-signatures';
export { readInputFile } from './files';
