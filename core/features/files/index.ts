export { filesContract, filesJobs, type BackupInfo } from './contract';
export { filesHandlers } from './handlers';
export { filesJobDeclarations } from './jobs';
export { createFromDocument } from './import';
export { exportDocument } from './export';
