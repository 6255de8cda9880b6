// The spreadsheet feature's public face: the actions « Importer un tableur… » and « Exporter en tableur… ».
export { useSpreadsheetActions } from './useSpreadsheetActions';
