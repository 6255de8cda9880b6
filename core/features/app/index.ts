export { appContract, type AppInfo, type RecentFile } from './contract';
export { appHandlers } from './handlers';
