// The merge action of an open contrat (« Fichier → Fusionner une autre copie… »): its dialog, where the focus goes
// back, and what the shell is told (a message, the screen to reload).
import { dirName } from '../../lib/text';
import { useDialogFocus } from '../../ui/focus';
import type { DocInfo } from '../../../core/api/contract';
import { MergeDialog } from './MergeDialog';

interface Options {
  doc: DocInfo;
  announce: (text: string) => void;
  /** The contrat changed here: the screen reloads. */
  onChanged: () => void;
  focusScreen: () => void;
}


export function useMergeAction({ doc, announce, onChanged, focusScreen }: Options) {
  const { open, show, close } = useDialogFocus<true>(focusScreen);

  const dialog = open !== null ? (
    <MergeDialog
      doc={doc}
      defaultDir={dirName(doc.path)}
      onCancel={close}
      onDone={(text) => {
        close();
        onChanged();
        announce(text);
      }}
    />
  ) : null;
  return { mergeCopy: () => show(true), dialog };
}
