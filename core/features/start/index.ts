export { startContract, type AppInfo, type RecentFile } from './contract';
export { startHandlers } from './handlers';
export { demoDocument } from './demo-contrat';
