export { journalContract, type JournalEntry } from './contract';
export { journalHandlers } from './handlers';
