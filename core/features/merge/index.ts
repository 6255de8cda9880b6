export { mergeContract, type MergePreview, type ConflictView } from './contract';
export { mergeHandlers } from './handlers';
