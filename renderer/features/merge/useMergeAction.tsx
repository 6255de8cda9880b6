// The merge action of an open contrat (« Fichier → Fusionner une autre copie… »): its dialog, where the focus goes
// back, and what the shell is told (a message, the screen to reload).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocInfo } from '../../../core/api/contract';
import { MergeDialog } from './MergeDialog';

interface Options {
  doc: DocInfo;
  announce: (text: string) => void;
  /** The contrat changed here: the screen reloads. */
  onChanged: () => void;
  focusScreen: () => void;
}

const folderOf = (p: string) => p.slice(0, Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'))) || '.';

export function useMergeAction({ doc, announce, onChanged, focusScreen }: Options) {
  const [open, setOpen] = useState(false);
  const back = useRef<HTMLElement | null>(null);
  const show = useCallback(() => {
    const a = document.activeElement;
    const menuButton = a instanceof HTMLElement ? a.closest('.file-menu')?.querySelector<HTMLElement>(':scope > button') : null;
    back.current = menuButton ?? (a instanceof HTMLElement && a !== document.body ? a : null);
    setOpen(true);
  }, []);
  const closing = useRef(false);
  const close = useCallback(() => {
    closing.current = true;
    setOpen(false);
  }, []);
  // The focus goes back once the dialog is gone from the page (an effect, after the commit): asked for before (a
  // frame later), it could land on the still-open dialog's inert background, then on <body> when it closed.
  useEffect(() => {
    if (open || !closing.current) return;
    closing.current = false;
    const el = back.current;
    back.current = null;
    if (el?.isConnected) el.focus();
    else focusScreen();
  }, [open, focusScreen]);

  const dialog = open ? (
    <MergeDialog
      doc={doc}
      defaultDir={folderOf(doc.path)}
      onCancel={close}
      onDone={(text) => {
        close();
        onChanged();
        announce(text);
      }}
    />
  ) : null;
  return { mergeCopy: show, dialog };
}
