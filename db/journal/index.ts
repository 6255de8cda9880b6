// The change journal: which tables it records (from the live schema), the triggers that record them, the upgrade of
// stored images by migrations, and the replay that undo/redo runs.
export { journalSpec, liveTable, triggerName, type JournaledTable } from './spec';
export { dropJournalTriggers, journalHasColumns, journalTriggerSql, regenerateJournalTriggers } from './triggers';
export { upgradeImages, type ImageChange } from './images';
export { checkImage, replayChanges, type JournalChangeRow } from './replay';
export { closeGroup, historyOf, insertGroup, journalEntries, openGroup, type GroupKind, type GroupStart, type StoreJournalEntry } from './groups';
export { replayStep, type ReplayedStep } from './steps';
export { changesUnknownTo, groupsOf, knownGroups, recordMerge, type ForeignGroup, type GroupChange } from './merge-record';
export { bulkImages, bulkRows, insertBulk, itemColumn, type BulkRow } from './bulk';
