export { spreadsheetContract, spreadsheetJobs, type SheetPreview, type SheetImportResult } from './contract';
export { spreadsheetHandlers } from './handlers';
export { spreadsheetJobDeclarations } from './jobs';
