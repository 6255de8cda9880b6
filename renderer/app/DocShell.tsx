// An open contrat: the header and banners, the navigation between its screens, the alert and status line they share,
// the file actions and their dialogs, and the native menu's commands. The active screen gets all of it through
// DocContext (doc-context.ts) and renders only its own content.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { invoke } from '../api';
import type { DocInfo, MenuCommand } from '../../core/api/contract';
import type { AppError } from '../../core/api/result';
import { onMenu } from '../lib/menu';
import { AlertRegion } from '../ui/Alert';
import { useFileActions } from '../features/files';
import { useSpreadsheetActions } from '../features/spreadsheet';
import { useMergeAction } from '../features/merge';
import { useDocChanges, useRemoteRevision } from '../features/workshop';
import { DocContext, type DocContextValue } from './doc-context';
import { DocHeader } from './DocHeader';
import { useFullCheck } from './useFullCheck';
import { KeysDialog } from './KeysDialog';
import { Navigation } from './Navigation';
import { DEFAULT_SCREEN, screenById, screenForKey } from './screens';
import { historyAnnouncement } from '../lib/text';

interface DocShellProps {
  doc: DocInfo;
  screen: string | undefined;
  selection: string | null;
  hrefFor: (screenId: string) => string;
  onScreenChange: (screenId: string) => void;
  onSelectionChange: (id: string | null) => void;
  onClose: () => void;
  onDocChange: (doc: DocInfo) => void;
  onOpenDoc: (doc: DocInfo) => void;
}

/** The tree's own menu commands: handled by the tree screen while it is shown, else here. */
const TREE_COMMANDS = new Set<MenuCommand>(['undo', 'redo', 'rename', 'delete', 'add-sibling', 'add-child', 'filter-all', 'filter-ajouter', 'filter-garder', 'filter-jeter']);

function isEditable(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && !!el.closest('input, textarea, select, [contenteditable="true"]');
}

export function DocShell(p: DocShellProps) {
  const { doc } = p;
  const active = screenById(p.screen);
  const onTree = active.id === DEFAULT_SCREEN;
  const [alert, setAlert] = useState<AppError | null>(null);
  const [status, setStatus] = useState('');
  const [editOffline, setEditOffline] = useState<string | null>(null);
  const offline = doc.offline ?? editOffline;
  const [notice, setNotice] = useState<string | null>(doc.notice);
  const damaged = useFullCheck(doc.docId);
  useEffect(() => setNotice(doc.notice), [doc.notice]);
  const [focusReq, setFocusReq] = useState(0);
  const [revision, setRevision] = useState(0);
  const [arrived, setArrived] = useState(false);
  const [showKeys, setShowKeys] = useState(false);
  const memory = useRef(new Map<string, unknown>()).current;
  // Where a screen puts its toolbar: inside the header (its landmark), under the navigation.
  const [toolbarSlot, setToolbarSlot] = useState<HTMLElement | null>(null);

  const announce = useCallback((text: string) => {
    // Clear first so the same message twice is announced twice.
    setStatus('');
    requestAnimationFrame(() => setStatus(text));
  }, []);
  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(''), 12_000);
    return () => clearTimeout(t);
  }, [status]);

  const focusScreen = useCallback(() => setFocusReq((n) => n + 1), []);

  const go = useCallback(
    (screenId: string) => {
      if (screenId === active.id) {
        focusScreen();
        return;
      }
      setArrived(true);
      p.onScreenChange(screenId);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [active.id, focusScreen, p.onScreenChange],
  );

  const files = useFileActions({
    doc, offline, announce, showError: setAlert, clearOffline: () => setEditOffline(null), goneOffline: setEditOffline,
    onDocChange: p.onDocChange, onOpenDoc: p.onOpenDoc, onClose: p.onClose, focusScreen,
  });
  const sheets = useSpreadsheetActions({ doc, announce, onChanged: () => setRevision((n) => n + 1), onOpenDoc: p.onOpenDoc, focusScreen });
  const merge = useMergeAction({ doc, announce, onChanged: () => setRevision((n) => n + 1), focusScreen });

  /** Undo and redo from a screen without the tree: the journal shows the change (revision). */
  const historyStep = useCallback(
    async (which: 'undo' | 'redo') => {
      if (doc.readOnly) return announce(`Modification impossible : ${doc.readOnlyReason ?? 'le fichier est ouvert en lecture seule.'}`);
      const r = await invoke(which === 'undo' ? 'journal.undo' : 'journal.redo', { docId: doc.docId });
      if (!r.ok) return announce(r.error.message);
      setEditOffline(r.value.offline);
      setRevision((n) => n + 1);
      announce(historyAnnouncement(which, r.value.history));
    },
    [announce, doc.docId, doc.readOnly, doc.readOnlyReason],
  );

  // Alt+digit goes to a screen; Ctrl+Z / Ctrl+Y on screens without the tree (the tree has its own).
  const keyState = useRef({ go, onTree, historyStep });
  keyState.current = { go, onTree, historyStep };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const target = screenForKey(e);
      // On a Mac, Option+digit types a character in a text field: leave it to the field there.
      if (target && !(isEditable(e.target) && /Mac/.test(navigator.platform))) {
        e.preventDefault();
        keyState.current.go(target.id);
        return;
      }
      const ctrl = e.ctrlKey || e.metaKey;
      if (keyState.current.onTree || !ctrl || e.altKey || isEditable(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' || k === 'y') {
        e.preventDefault();
        void keyState.current.historyStep(k === 'y' || e.shiftKey ? 'redo' : 'undo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The native menu: file commands here; the tree's commands reach the tree screen when it is shown.
  useEffect(
    () =>
      onMenu((cmd) => {
        switch (cmd) {
          case 'export-json':
            void files.exportJson();
            return true;
          case 'save-as':
            void files.saveAs();
            return true;
          case 'restore-backup':
            files.openBackups();
            return true;
          case 'import-sheet':
            sheets.importSheet();
            return true;
          case 'export-sheet':
            sheets.exportSheet();
            return true;
          case 'merge-copy':
            merge.mergeCopy();
            return true;
          case 'close':
            files.close();
            return true;
        }
        if (!TREE_COMMANDS.has(cmd) || onTree) return false;
        if (cmd === 'undo' || cmd === 'redo') {
          if (isEditable(document.activeElement)) document.execCommand(cmd);
          else void historyStep(cmd);
          return true;
        }
        // Commands about the tree's items: show the tree (with the filter asked for), where they make sense.
        if (cmd.startsWith('filter-')) memory.set('tree.filter', cmd.slice('filter-'.length));
        go(DEFAULT_SCREEN);
        return true;
      }),
    [files, sheets, merge, go, historyStep, memory, onTree],
  );

  // Another page, window or tab changed this contrat: the screen reloads (revision); its name, EPCI, period or QPV
  // changed (here or elsewhere, undo included): the header and the « Contrat » screen show them.
  const remote = useRemoteRevision(doc.docId);
  useDocChanges(doc.docId, (c) => {
    if (c.contrat) void invoke('doc.info', { docId: doc.docId }).then((r) => r.ok && p.onDocChange(r.value));
  }, true);

  const ctx = useMemo<DocContextValue>(
    () => ({
      doc, readOnly: doc.readOnly, offline, setEditOffline, announce, showError: setAlert,
      selection: p.selection, setSelection: p.onSelectionChange, memory, focusReq, arrived, revision: revision + remote, toolbarSlot,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, offline, announce, p.selection, p.onSelectionChange, memory, focusReq, arrived, revision, remote, toolbarSlot],
  );

  const Screen = active.component;
  return (
    <div className="doc">
      <header className="doc-top">
        <DocHeader
          doc={doc}
          offline={offline}
          notice={notice}
          damaged={damaged}
          onDismissNotice={() => setNotice(null)}
          onShowKeys={() => setShowKeys(true)}
          onSaveAs={() => void files.saveAs()}
          onBackups={files.openBackups}
          onExport={() => void files.exportJson()}
          onImportSheet={sheets.importSheet}
          onExportSheet={sheets.exportSheet}
          onMergeCopy={merge.mergeCopy}
          onClose={files.close}
        />
        <Navigation active={active.id} hrefFor={p.hrefFor} onGo={go} />
        <div className="screen-tools" ref={setToolbarSlot} />
        <AlertRegion error={alert} onDismiss={() => setAlert(null)} />
      </header>
      <DocContext.Provider value={ctx}>
        <Screen key={active.id} />
      </DocContext.Provider>
      <p className="tree-status doc-status" role="status">
        {status}
      </p>
      {showKeys && <KeysDialog onClose={() => (setShowKeys(false), requestAnimationFrame(focusScreen))} />}
      {files.dialogs}
      {sheets.dialogs}
      {merge.dialog}
    </div>
  );
}
