export { filesContract, type BackupInfo } from './contract';
export { filesHandlers } from './handlers';
