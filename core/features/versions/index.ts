export { versionsContract, versionsJobs, type VersionInfo, type VersionsState, type VersionSignatory, type SignatureKind } from './contract';
export { setPdfProducer, versionsHandlers, versionsJobSteps, versionsWork } from './handlers';
export { diffVersions, diffLines, type AvenantDiff, type DiffEntry } from './diff';
export { plainPdf, type PdfProducer, type ProducedPdf, type SignatureBlock } from './pdf-producer';
export { CLEAN_COPY_NOTE } from './clean-copy';
