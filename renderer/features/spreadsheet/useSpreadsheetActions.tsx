// The spreadsheet actions of an open contrat (« Fichier → Importer un tableur… », « Exporter en tableur… »): their
// dialogs, where the focus goes back, and what the shell is told (a message, the screen to reload, a new contrat).
import type { ReactNode } from 'react';
import type { DocInfo } from '../../../core/api/contract';
import { SpreadsheetExportDialog } from './SpreadsheetExportDialog';
import { SpreadsheetImportDialog } from './SpreadsheetImportDialog';
import { dirName, stemOf } from '../../lib/text';
import { useDialogFocus } from '../../ui/focus';

interface Options {
  doc: DocInfo;
  announce: (text: string) => void;
  /** The contrat changed here: the screen reloads. */
  onChanged: () => void;
  onOpenDoc: (doc: DocInfo) => void;
  focusScreen: () => void;
}


export function useSpreadsheetActions({ doc, announce, onChanged, onOpenDoc, focusScreen }: Options) {
  const { open, show, close, dismiss, forget } = useDialogFocus<'import' | 'export'>(focusScreen);

  let dialogs: ReactNode = null;
  if (open === 'import') {
    dialogs = (
      <SpreadsheetImportDialog
        doc={doc}
        defaultDir={dirName(doc.path)}
        onCancel={close}
        onAdded={(text) => {
          forget();
          close();
          onChanged();
          announce(text);
        }}
        onCreated={(d) => {
          dismiss();
          onOpenDoc(d);
        }}
      />
    );
  } else if (open === 'export') {
    dialogs = (
      <SpreadsheetExportDialog
        doc={doc}
        defaultPath={(f) => `${dirName(doc.path)}/${stemOf(doc.path)}.${f}`}
        onCancel={close}
        onDone={(text) => {
          close();
          announce(text);
        }}
      />
    );
  }
  return { importSheet: () => show('import'), exportSheet: () => show('export'), dialogs };
}
