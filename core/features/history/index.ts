export { historyContract, type JournalEntry } from './contract';
export { historyHandlers } from './handlers';
