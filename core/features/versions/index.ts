export { versionsContract, versionsJobs, type VersionInfo, type VersionsState, type VersionSignatory, type SignatureKind } from './contract';
export { versionsHandlers } from './handlers';
export { setPdfProducer, versionsJobDeclarations } from './jobs';
export { diffVersions, diffLines, type AvenantDiff, type DiffEntry } from './diff';
export { plainPdf, type PdfProducer, type ProducedPdf, type SignatureBlock } from './pdf-producer';
export { CLEAN_COPY_NOTE } from './clean-copy';
export {
  applyVersionMerge, commonFrozenContents, mergedVersionOrder, planVersionMerge, readFrozenVersions, versionMergeChanges,
  type FrozenVersionRow, type VersionMergePlan,
} from './merge-versions';
export { versionTitle } from './model';
