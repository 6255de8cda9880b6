// The file actions of an open contrat, whatever screen is shown: « Enregistrer sous », « Restaurer une sauvegarde »,
// « Exporter (JSON) » and « Fermer » (with its confirmation when the file no longer accepts writes). Returns the
// actions and the dialog to render; the focus goes back where it was when a dialog closes (or to the screen).
import { useCallback, type ReactNode } from 'react';
import { invoke, shell } from '../../api';
import type { DocInfo } from '../../../core/api/contract';
import type { AppError } from '../../../core/api/result';
import { slugify } from '../../lib/text';
import { useDialogFocus } from '../../ui/focus';
import { BackupsDialog } from './BackupsDialog';
import { CloseOfflineDialog } from './CloseOfflineDialog';
import { ExportDialog } from './ExportDialog';
import { stemOf } from './paths';
import { SaveAsDialog } from './SaveAsDialog';

type FileDialog = { kind: 'save-as' } | { kind: 'backups' } | { kind: 'close-offline' } | { kind: 'export'; presetPath: string | null };

interface FileActionsOptions {
  doc: DocInfo;
  offline: string | null;
  announce: (text: string) => void;
  showError: (error: AppError | null) => void;
  /** The file accepts writes again (after « Enregistrer sous »). */
  clearOffline: () => void;
  /** The file stopped being the contrat's (replaced or cut under it, found at close): the contrat lives in memory. */
  goneOffline: (message: string) => void;
  /** Same document, new state (new path after « Enregistrer sous »). */
  onDocChange: (doc: DocInfo) => void;
  /** Another document the handlers have just opened (a restored backup). */
  onOpenDoc: (doc: DocInfo) => void;
  onClose: () => void;
  /** The active screen takes the focus back (when the element that had it is gone). */
  focusScreen: () => void;
}

export function useFileActions(o: FileActionsOptions) {
  const { doc, offline, announce, showError, clearOffline, goneOffline, onDocChange, onOpenDoc, onClose, focusScreen } = o;
  const docId = doc.docId;
  const { open: dialog, show: openDialog, close: closeDialog, dismiss, forget } = useDialogFocus<FileDialog>(focusScreen);

  const close = useCallback(async () => {
    // In memory only: closing would lose the edits made since the file became unreachable.
    if (offline) return openDialog({ kind: 'close-offline' });
    const r = await invoke('doc.close', { docId });
    if (!r.ok && r.error.code === 'ecriture-impossible') {
      // The file was replaced or cut under the contrat since the last edit: Trame refused to close it, its content is
      // in memory; the banner says so, and the user says whether to save it elsewhere.
      goneOffline(r.error.message);
      return openDialog({ kind: 'close-offline' });
    }
    onClose();
  }, [offline, onClose, openDialog, docId, goneOffline]);

  /** After « Enregistrer sous »: the same contrat, now in the new file (and on disk again if it was offline). */
  const saved = useCallback(
    (d: DocInfo) => {
      clearOffline();
      showError(null);
      onDocChange(d);
      announce(`Contrat enregistré dans « ${d.path} ». Les modifications suivantes y seront enregistrées.`);
    },
    [announce, clearOffline, onDocChange, showError],
  );

  const saveAs = useCallback(async () => {
    const s = shell();
    if (!s) {
      openDialog({ kind: 'save-as' });
      return;
    }
    const p = await s.chooseSavePath({ title: 'Enregistrer le contrat sous…', defaultName: `${stemOf(doc.path)}-copie.trame`, filters: 'trame' });
    if (!p) return;
    const r = await invoke('doc.saveAs', { docId, path: p });
    if (r.ok) saved(r.value);
    else showError(r.error);
  }, [doc.path, docId, openDialog, saved, showError]);

  const exportJson = useCallback(async () => {
    const s = shell();
    if (!s) {
      openDialog({ kind: 'export', presetPath: null });
      return;
    }
    const p = await s.chooseSavePath({ title: 'Exporter le contrat en JSON', defaultName: slugify(doc.contrat.name) + '.json', filters: 'json' });
    if (p) openDialog({ kind: 'export', presetPath: p });
  }, [doc.contrat.name, openDialog]);

  const openBackups = useCallback(() => openDialog({ kind: 'backups' }), [openDialog]);

  let dialogs: ReactNode = null;
  if (dialog?.kind === 'save-as') {
    dialogs = (
      <SaveAsDialog
        doc={doc}
        offline={offline !== null}
        onCancel={closeDialog}
        onSaved={(d) => {
          forget(); // back to the screen: the work goes on there
          closeDialog();
          saved(d);
        }}
      />
    );
  } else if (dialog?.kind === 'backups') {
    dialogs = (
      <BackupsDialog
        doc={doc}
        onCancel={closeDialog}
        onRestored={(d) => {
          closeDialog();
          onOpenDoc(d);
        }}
      />
    );
  } else if (dialog?.kind === 'export') {
    dialogs = (
      <ExportDialog
        doc={doc}
        presetPath={dialog.presetPath}
        onDone={(path) => {
          closeDialog();
          announce(`Export JSON enregistré dans « ${path} ».`);
        }}
        onCancel={(cancelledJob) => {
          closeDialog();
          if (cancelledJob) announce('Export annulé : aucun fichier n’a été écrit.');
        }}
      />
    );
  } else if (dialog?.kind === 'close-offline') {
    dialogs = (
      <CloseOfflineDialog
        onCancel={closeDialog}
        onDiscard={() => {
          dismiss();
          // Explicit: what is only in memory goes (otherwise a contrat in this state stays open, see App).
          void invoke('doc.close', { docId }).then(onClose);
        }}
        onSaveAs={() => {
          dismiss();
          void saveAs();
        }}
      />
    );
  }

  return { saveAs, exportJson, openBackups, close, dialogs };
}
