// The files feature's public face: the file actions of an open contrat, and the import of a JSON document.
export { useFileActions } from './useFileActions';
export { ImportDialog } from './ImportDialog';
