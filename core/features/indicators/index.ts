// The indicators feature's public door. Pure functions over plain data are exported for other features (the note de
// COPIL of the protocole issue): the status rule, the « since » grouping, the tag counts, the library.
export { indicatorsContract, indicatorJobs, type Copil, type Dashboard, type DashboardIndicator, type IndicatorCardInfo } from './contract';
export { indicatorsHandlers } from './handlers';
export { indicatorJobDeclarations } from './jobs';
export { indicatorStatus, STATUS_LABELS, STATUS_RULE_TEXT, todayIso, type IndicatorStatus, type StatusInput, type StatusResult } from './model/status';
export { countChangeKinds, CHANGE_LABELS, type SinceItem, type ChangeKind } from './model/since';
export { tagCounts } from './model/tags';
export { LIBRARY, libraryEntry, type LibraryEntry } from './model/library';
export { readChangesSince, copilMoment } from './since-query';
export { readNetChanges, type NetChange, type NetChanges } from './net-changes';
export { readDashboard } from './dashboard';
export { commitMeasurements, csvIndicators } from './csv-import';
export { readCsvFile } from './work';
export { indicatorsChangeScope } from './queries';
