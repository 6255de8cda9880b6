import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { invoke, shell } from '../../api';
import type { DocInfo, EditOutcome, HistoryState, Input, TreeNode } from '../../../core/api/contract';
import type { AppError, Result } from '../../../core/api/result';
import { KIND_LABELS, TAG_LABELS, defaultChildKind, nestingError, UNDECIDED_LABEL, FAMILY_LABELS } from '../../../core/domain/tree';
import { ancestorsOf, computeRows, countTags, matchesFilter, type Filter } from './rows';
import { onMenu } from '../../lib/menu';
import { frenchSpacing, slugify } from '../../lib/text';
import { stemOf } from '../files/paths';
import { AlertRegion } from '../../ui/Alert';
import { DetailsPanel } from './DetailsPanel';
import { BackupsDialog, CloseOfflineDialog, SaveAsDialog } from '../files/FileDialogs';
import { FileMenu } from '../../ui/FileMenu';
import { Modal } from '../../ui/Modal';
import { TreeView, type RenameEnd, type Renaming, type TreeCommand } from './TreeView';
import type { SaveResult } from '../../ui/fields';

interface ContratScreenProps {
  doc: DocInfo;
  initialSel: string | null;
  onSelectionChange: (id: string | null) => void;
  onClose: () => void;
  /** Same document, new state (e.g. after « Enregistrer sous »: new path, no longer offline). */
  onDocChange: (doc: DocInfo) => void;
  /** Another document the handlers have just opened (a restored backup): show it. */
  onOpenDoc: (doc: DocInfo) => void;
}

type FileDialog = 'save-as' | 'backups' | 'close-offline';

const NO_HISTORY: HistoryState = { canUndo: false, undoLabel: null, canRedo: false, redoLabel: null };

const FILTERS: { value: Filter; label: string; title: string }[] = [
  { value: 'all', label: 'Tout', title: 'Tous les éléments' },
  { value: 'ajouter', label: 'À ajouter', title: FAMILY_LABELS.ajouter },
  { value: 'garder', label: 'À garder…', title: FAMILY_LABELS.garder },
  { value: 'jeter', label: 'À jeter…', title: FAMILY_LABELS.jeter },
  { value: 'undecided', label: UNDECIDED_LABEL, title: 'Éléments sans décision' },
];

interface EditOptions {
  /** Give the focus back to the tree afterwards (keyboard edits). */
  focusTree?: boolean;
  /** Make sure the item to select is visible (clear the filter, expand its ancestors). */
  reveal?: boolean;
}

function isEditable(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && !!el.closest('input, textarea, select, [contenteditable="true"]');
}

export function ContratScreen({ doc, initialSel, onSelectionChange, onClose, onDocChange, onOpenDoc }: ContratScreenProps) {
  const readOnly = doc.readOnly;
  const docId = doc.docId;
  const [nodes, setNodes] = useState<TreeNode[] | null>(null);
  const [history, setHistory] = useState<HistoryState>(NO_HISTORY);
  const [selectedId, setSelectedId] = useState<string | null>(initialSel);
  const [filter, setFilter] = useState<Filter>('all');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [renaming, setRenaming] = useState<Renaming | null>(null);
  const [status, setStatus] = useState('');
  const [alert, setAlert] = useState<AppError | null>(null);
  const [toast, setToast] = useState<{ key: number; text: string } | null>(null);
  const [focusReq, setFocusReq] = useState(0);
  const [showKeys, setShowKeys] = useState(false);
  // The file stopped accepting writes (USB key pulled out…): edits go on in memory until « Enregistrer sous ».
  const [editOffline, setEditOffline] = useState<string | null>(null);
  const offline = doc.offline ?? editOffline;
  const [dialog, setDialog] = useState<FileDialog | null>(null);
  /** Where the focus goes back when a file dialog closes (null or gone: the tree). */
  const returnFocus = useRef<HTMLElement | null>(null);

  // Latest values for async continuations and window listeners.
  const latest = useRef({ nodes, selectedId, filter, collapsed });
  latest.current = { nodes, selectedId, filter, collapsed };
  const fetchSeq = useRef(0);

  const byId = useMemo(() => new Map((nodes ?? []).map((n) => [n.id, n] as const)), [nodes]);
  const rows = useMemo(() => computeRows(nodes ?? [], filter, collapsed), [nodes, filter, collapsed]);
  const counts = useMemo(() => countTags(nodes ?? []), [nodes]);
  const selected = selectedId ? byId.get(selectedId) ?? null : null;

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

  /** Make `id` visible: expand its ancestors, drop a filter that hides it. */
  const reveal = useCallback(
    (id: string, list: TreeNode[]) => {
      const map = new Map(list.map((n) => [n.id, n] as const));
      const anc = ancestorsOf(map, id);
      const { collapsed: c, filter: f } = latest.current;
      if (anc.some((a) => c.has(a))) {
        const next = new Set(c);
        for (const a of anc) next.delete(a);
        setCollapsed(next);
      }
      if (f !== 'all') {
        const n = map.get(id);
        const shown = n && (matchesFilter(n, f) || list.some((m) => m.parentId === id && matchesFilter(m, f)));
        if (!shown) {
          setFilter('all');
          announce('Filtre retiré pour afficher l’élément.');
        }
      }
    },
    [announce],
  );

  const refresh = useCallback(
    async (focusId: string | null | undefined, opts: EditOptions = {}) => {
      const seq = ++fetchSeq.current;
      const r = await invoke('tree.get', { docId });
      if (seq !== fetchSeq.current) return;
      if (!r.ok) {
        setAlert(r.error);
        return;
      }
      const list = r.value.nodes;
      if (!measured.current) performance.mark('trame:tree-data');
      const ids = new Set(list.map((n) => n.id));
      let sel = focusId && ids.has(focusId) ? focusId : null;
      if (!sel && latest.current.selectedId && ids.has(latest.current.selectedId)) sel = latest.current.selectedId;
      if (!sel && list.length) sel = list[0].id;
      setNodes(list);
      setSelectedId(sel);
      if (sel && opts.reveal) reveal(sel, list);
      if (opts.focusTree) setFocusReq((n) => n + 1);
    },
    [docId, reveal],
  );

  // For the render benchmark (test/bench/render.ts): from the first tree.get answer to the first painted rows.
  const measured = useRef(false);
  useEffect(() => {
    if (nodes === null || measured.current) return;
    measured.current = true;
    requestAnimationFrame(() => {
      try {
        performance.measure('trame:tree-render', 'trame:tree-data');
      } catch {
        // no mark: nothing to measure
      }
    });
  }, [nodes]);

  useEffect(() => {
    void refresh(initialSel);
    void invoke('history.state', { docId }).then((r) => r.ok && setHistory(r.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docId]);

  // Keep the address in step with the selection, so a reload comes back to the same item.
  useEffect(() => {
    if (nodes) onSelectionChange(selectedId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, nodes !== null]);

  // When the filter hides the selected item, select the nearest visible one.
  const lastIndex = useRef(0);
  useEffect(() => {
    const i = rows.findIndex((r) => r.node.id === selectedId);
    if (i >= 0) lastIndex.current = i;
    else if (rows.length) setSelectedId(rows[Math.min(lastIndex.current, rows.length - 1)].node.id);
  }, [rows, selectedId]);

  const runEdit = useCallback(
    async (call: Promise<Result<EditOutcome>>, opts: EditOptions = {}): Promise<EditOutcome | null> => {
      const r = await call;
      if (!r.ok) {
        const e = r.error;
        if (e.code === 'imbrication' || e.code === 'rien-a-annuler' || e.code === 'rien-a-retablir') announce(e.message);
        else setAlert(e);
        if (opts.focusTree) setFocusReq((n) => n + 1);
        return null;
      }
      setAlert(null);
      setHistory(r.value.history);
      setEditOffline(r.value.offline);
      await refresh(r.value.focusId, opts);
      return r.value;
    },
    [announce, refresh],
  );

  const refuseReadOnly = useCallback(() => {
    announce(`Modification impossible : ${doc.readOnlyReason ?? 'le fichier est ouvert en lecture seule.'}`);
  }, [announce, doc.readOnlyReason]);

  const add = useCallback(
    async (input: Omit<Input<'tree.add'>, 'docId' | 'title'>) => {
      if (readOnly) return refuseReadOnly();
      setToast(null);
      const out = await runEdit(invoke('tree.add', { docId, title: '', ...input }), { focusTree: true, reveal: true });
      if (out?.focusId) setRenaming({ id: out.focusId, initial: '', justCreated: true });
    },
    [docId, readOnly, refuseReadOnly, runEdit],
  );

  const undo = useCallback(async () => {
    if (readOnly) return refuseReadOnly();
    setToast(null);
    setRenaming(null);
    const out = await runEdit(invoke('history.undo', { docId }), { focusTree: true, reveal: true });
    if (out) announce('Modification annulée.');
  }, [docId, readOnly, refuseReadOnly, runEdit, announce]);

  const redo = useCallback(async () => {
    if (readOnly) return refuseReadOnly();
    setToast(null);
    setRenaming(null);
    const out = await runEdit(invoke('history.redo', { docId }), { focusTree: true, reveal: true });
    if (out) announce('Modification rétablie.');
  }, [docId, readOnly, refuseReadOnly, runEdit, announce]);

  const remove = useCallback(
    async (node: TreeNode) => {
      if (readOnly) return refuseReadOnly();
      const out = await runEdit(invoke('tree.remove', { docId, id: node.id }), { focusTree: true });
      if (out) {
        const more = node.childCount > 0 ? ' avec ses sous-éléments' : '';
        setToast({ key: Date.now(), text: `Élément supprimé${more}` });
      }
    },
    [docId, readOnly, refuseReadOnly, runEdit],
  );

  const onCommand = useCallback(
    (cmd: TreeCommand) => {
      if (readOnly) return refuseReadOnly();
      switch (cmd.type) {
        case 'add-first':
          return void add({ parentId: null, kind: 'enjeu' });
        case 'add-sibling':
          return void add({ parentId: cmd.node.parentId, index: cmd.node.index + 1, kind: cmd.node.kind });
        case 'add-child': {
          if (defaultChildKind(cmd.node.kind) === null) {
            return announce(`Un ${KIND_LABELS[cmd.node.kind].toLowerCase()} ne peut pas contenir d’élément.`);
          }
          const c = latest.current.collapsed;
          if (c.has(cmd.node.id)) {
            const next = new Set(c);
            next.delete(cmd.node.id);
            setCollapsed(next);
          }
          return void add({ parentId: cmd.node.id });
        }
        case 'indent':
          setToast(null);
          return void runEdit(invoke('tree.indent', { docId, id: cmd.node.id }), { focusTree: true });
        case 'outdent':
          setToast(null);
          return void runEdit(invoke('tree.outdent', { docId, id: cmd.node.id }), { focusTree: true });
        case 'remove':
          return void remove(cmd.node);
        case 'tag':
          setToast(null);
          return void runEdit(invoke('tree.update', { docId, id: cmd.node.id, patch: { tag: cmd.tag } }), { focusTree: true }).then(
            (out) => out && announce(cmd.tag ? `Décision : ${TAG_LABELS[cmd.tag]}.` : 'Décision retirée.'),
          );
        case 'rename':
          return setRenaming({ id: cmd.node.id, initial: cmd.initial ?? cmd.node.title, justCreated: false });
        case 'move-by': {
          const n = cmd.node;
          const siblings = (latest.current.nodes ?? []).filter((m) => m.parentId === n.parentId).length;
          const index = n.index + cmd.delta;
          if (index < 0 || index >= siblings) return announce('Déplacement impossible : l’élément est déjà en bout de liste.');
          return void runEdit(invoke('tree.move', { docId, id: n.id, parentId: n.parentId, index }), { focusTree: true });
        }
      }
    },
    [add, announce, docId, readOnly, refuseReadOnly, remove, runEdit],
  );

  const onRenameEnd = useCallback(
    async (id: string, value: string, how: RenameEnd) => {
      const r = renaming;
      setRenaming(null);
      const node = latest.current.nodes?.find((n) => n.id === id);
      if (!node) return;
      const focusTree = how !== 'blur';
      const title = value.trim();
      if (r?.justCreated && how === 'escape') {
        // Escape right after Enter: the item was created by mistake.
        await runEdit(invoke('tree.remove', { docId, id }), { focusTree });
        return;
      }
      if (how === 'escape' || title === node.title || (r?.justCreated && title === '')) {
        // A new item left empty keeps the default title the store gave it.
        if (focusTree) setFocusReq((n) => n + 1);
        return;
      }
      if (title === '') {
        announce('Le titre ne peut pas être vide : titre inchangé.');
        if (focusTree) setFocusReq((n) => n + 1);
        return;
      }
      await runEdit(invoke('tree.update', { docId, id, patch: { title } }), { focusTree });
    },
    [announce, docId, renaming, runEdit],
  );

  const onMove = useCallback(
    (node: TreeNode, parentId: string | null, index: number) => {
      if (readOnly) return refuseReadOnly();
      setToast(null);
      void runEdit(invoke('tree.move', { docId, id: node.id, parentId, index }), { focusTree: true, reveal: true }).then((out) => {
        if (out) announce(`« ${node.title || 'Sans titre'} » déplacé.`);
      });
    },
    [announce, docId, readOnly, refuseReadOnly, runEdit],
  );

  const onToggle = useCallback((id: string, expanded: boolean) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const onSelect = useCallback((id: string) => setSelectedId(id), []);
  const onRefuse = useCallback((reason: string) => announce(`Déplacement impossible : ${reason}`), [announce]);

  /** Edits from the details panel: errors go back to the field that made them, not to the alert. */
  const saveFromPanel = useCallback(
    async (id: string, call: () => Promise<Result<EditOutcome>>): Promise<SaveResult> => {
      if (readOnly) return 'Fichier en lecture seule.';
      const r = await call();
      if (!r.ok) return r.error.message;
      setHistory(r.value.history);
      setEditOffline(r.value.offline);
      await refresh(id);
      return null;
    },
    [readOnly, refresh],
  );

  const onUpdate = useCallback(
    (id: string, patch: Input<'tree.update'>['patch']) => saveFromPanel(id, () => invoke('tree.update', { docId, id, patch })),
    [docId, saveFromPanel],
  );

  const onIndicator = useCallback(
    (id: string, patch: Input<'tree.setIndicator'>['patch']) =>
      saveFromPanel(id, () => invoke('tree.setIndicator', { docId, id, patch })),
    [docId, saveFromPanel],
  );

  const openDialog = useCallback((d: FileDialog) => {
    const active = document.activeElement;
    // A button inside the header's file menu disappears with it: come back to the menu's own button.
    const menuButton = active instanceof HTMLElement ? active.closest('.file-menu')?.querySelector<HTMLElement>(':scope > button') : null;
    returnFocus.current = menuButton ?? (active instanceof HTMLElement && active !== document.body ? active : null);
    setDialog(d);
  }, []);

  const closeDialog = useCallback(() => {
    setDialog(null);
    requestAnimationFrame(() => {
      const el = returnFocus.current;
      returnFocus.current = null;
      if (el?.isConnected && !(el as HTMLButtonElement).disabled) el.focus();
      else setFocusReq((n) => n + 1);
    });
  }, []);

  const close = useCallback(() => {
    // In memory only: closing would lose the edits made since the file became unreachable.
    if (offline) openDialog('close-offline');
    else onClose();
  }, [offline, onClose, openDialog]);

  const exportJson = useCallback(async () => {
    const s = shell();
    if (s) {
      const p = await s.chooseSavePath({ title: 'Exporter le contrat en JSON', defaultName: slugify(doc.contrat.name) + '.json', filters: 'json' });
      if (!p) return;
      const w = await invoke('format.exportToFile', { docId, path: p });
      if (!w.ok) return setAlert(w.error);
      announce(`Export JSON enregistré dans « ${w.value.path} ».`);
      return;
    }
    const r = await invoke('format.export', { docId });
    if (!r.ok) return setAlert(r.error);
    const blob = new Blob([JSON.stringify(r.value, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = slugify(doc.contrat.name) + '.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    announce('Export JSON prêt dans vos téléchargements.');
  }, [announce, doc.contrat.name, docId]);

  /** After « Enregistrer sous »: the same contrat, now in the new file (and on disk again if it was offline). */
  const saved = useCallback(
    (d: DocInfo) => {
      setEditOffline(null);
      setAlert(null);
      onDocChange(d);
      announce(`Contrat enregistré dans « ${d.path} ». Les modifications suivantes y seront enregistrées.`);
    },
    [announce, onDocChange],
  );

  const saveAs = useCallback(async () => {
    const s = shell();
    if (!s) {
      openDialog('save-as');
      return;
    }
    const p = await s.chooseSavePath({ title: 'Enregistrer le contrat sous…', defaultName: `${stemOf(doc.path)}-copie.trame`, filters: 'trame' });
    if (!p) return;
    const r = await invoke('doc.saveAs', { docId, path: p });
    if (r.ok) saved(r.value);
    else setAlert(r.error);
  }, [doc.path, docId, openDialog, saved]);

  const openBackups = useCallback(() => openDialog('backups'), [openDialog]);

  // Shortcuts valid anywhere on this screen, and F6 to move between the regions (Tab belongs to the tree).
  const handlers = useRef({ undo, redo });
  handlers.current = { undo, redo };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      if (ctrl && !e.altKey && !isEditable(e.target) && !document.querySelector('dialog[open]')) {
        const k = e.key.toLowerCase();
        if (k === 'z') {
          e.preventDefault();
          void (e.shiftKey ? handlers.current.redo() : handlers.current.undo());
        } else if (k === 'y') {
          e.preventDefault();
          void handlers.current.redo();
        }
      }
      if (e.key === 'F6') {
        e.preventDefault();
        const regions = ['.toolbar', '.tree-pane', '.details'];
        const current = regions.findIndex((s) => (e.target as HTMLElement).closest?.(s));
        const next = regions[(current + (e.shiftKey ? regions.length - 1 : 1) + regions.length) % regions.length];
        if (next === '.tree-pane') setFocusReq((n) => n + 1);
        else document.querySelector<HTMLElement>(`${next} button:not([disabled]), ${next} input:not([disabled]), ${next} select:not([disabled])`)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Electron menu commands.
  useEffect(() => {
    return onMenu((cmd) => {
      const node = latest.current.selectedId ? latest.current.nodes?.find((n) => n.id === latest.current.selectedId) ?? null : null;
      const editing = isEditable(document.activeElement);
      switch (cmd) {
        case 'undo':
        case 'redo':
          // In a text field the menu acts on the text, as everywhere else.
          if (editing) document.execCommand(cmd);
          else void (cmd === 'undo' ? undo() : redo());
          return true;
        case 'rename':
          if (node) onCommand({ type: 'rename', node, initial: null });
          return true;
        case 'delete':
          if (node && !editing) onCommand({ type: 'remove', node });
          return true;
        case 'add-sibling':
          onCommand(node ? { type: 'add-sibling', node } : { type: 'add-first' });
          return true;
        case 'add-child':
          if (node) onCommand({ type: 'add-child', node });
          return true;
        case 'filter-all':
        case 'filter-ajouter':
        case 'filter-garder':
        case 'filter-jeter':
          setFilter(cmd.slice('filter-'.length) as Filter);
          return true;
        case 'export-json':
          void exportJson();
          return true;
        case 'save-as':
          void saveAs();
          return true;
        case 'restore-backup':
          openBackups();
          return true;
        case 'close':
          close();
          return true;
      }
      return false;
    });
  }, [close, exportJson, onCommand, openBackups, redo, saveAs, undo]);

  // The toast stays 10 seconds, longer while the pointer or the focus is on it.
  const toastHold = useRef(false);
  useEffect(() => {
    if (!toast) return;
    const t = setInterval(() => {
      if (!toastHold.current) setToast(null);
    }, 10_000);
    return () => clearInterval(t);
  }, [toast]);

  const filterCount = (f: Filter) =>
    f === 'all' ? counts.total : f === 'undecided' ? counts.undecided : counts[f];

  const sel = selected;
  return (
    <div className="doc">
      <header className="doc-top">
      <div className="doc-header">
        <div className="doc-heading">
          <p className="brand brand-small" aria-hidden="true">
            <span className="brand-mark" />
            Trame
          </p>
          <div className="doc-titles">
            <h1 className="doc-name" title={doc.contrat.name}>
              {doc.contrat.name}
            </h1>
            <p className="doc-meta">
              <span>{doc.contrat.epci}</span>
              <span aria-hidden="true"> · </span>
              <span>
                {doc.contrat.period.start}–{doc.contrat.period.end}
              </span>
              <span aria-hidden="true"> · </span>
              <span className="doc-path" title={doc.path}>
                <span className="sr-only">Fichier : </span>
                <bdi>{doc.path}</bdi>
              </span>
            </p>
          </div>
        </div>
        <div className="doc-actions">
          <button type="button" className="btn btn-tertiary" onClick={() => setShowKeys(true)}>
            Raccourcis
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void saveAs()}>
            Enregistrer sous…
          </button>
          <FileMenu
            label="Fichier"
            items={[
              { label: 'Restaurer une sauvegarde…', onSelect: openBackups },
              { label: 'Exporter (JSON)', onSelect: () => void exportJson() },
            ]}
          />
          <button type="button" className="btn btn-secondary" onClick={close}>
            Fermer<span className="sr-only"> le contrat</span>
          </button>
        </div>
      </div>
      {readOnly && (
        <div className="banner-readonly" role="note" id="readonly-banner">
          <strong>Lecture seule.</strong> {doc.readOnlyReason ?? 'Ce fichier ne peut pas être modifié.'} Les modifications sont
          désactivées.
        </div>
      )}
      {offline && (
        <div className="banner-offline" role="alert">
          <svg className="banner-icon" width="30" height="30" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M10 1.5 19 18H1Z" fill="currentColor" />
            <path d="M9 7h2v5.5H9Z M9 14h2v2H9Z" fill="#fff" />
          </svg>
          <p className="banner-text">
            <strong>Contrat non enregistré sur le disque.</strong> {frenchSpacing(offline)}
          </p>
          <button type="button" className="btn btn-primary" onClick={() => void saveAs()}>
            Enregistrer sous…
          </button>
        </div>
      )}
      <div className="toolbar">
        <div className="history-buttons">
          <button
            type="button"
            className="btn btn-secondary btn-history"
            disabled={readOnly || !history.canUndo}
            onClick={() => void undo()}
            title={history.undoLabel ? `Annuler : ${history.undoLabel} (Ctrl+Z)` : 'Rien à annuler'}
          >
            <span aria-hidden="true" className="hist-icon">↶</span>
            <span className="hist-text">
              <span className="hist-verb">Annuler</span>
              <span className="sr-only"> : </span>
              <span className="hist-label">{history.canUndo && history.undoLabel ? history.undoLabel : 'rien à annuler'}</span>
            </span>
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-history"
            disabled={readOnly || !history.canRedo}
            onClick={() => void redo()}
            title={history.redoLabel ? `Rétablir : ${history.redoLabel} (Ctrl+Maj+Z)` : 'Rien à rétablir'}
          >
            <span aria-hidden="true" className="hist-icon">↷</span>
            <span className="hist-text">
              <span className="hist-verb">Rétablir</span>
              <span className="sr-only"> : </span>
              <span className="hist-label">{history.canRedo && history.redoLabel ? history.redoLabel : 'rien à rétablir'}</span>
            </span>
          </button>
        </div>
        <div className="filters" role="group" aria-label="Filtrer par décision">
          {FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              className={`btn filter filter-${f.value}`}
              aria-pressed={filter === f.value}
              title={f.title}
              onClick={() => setFilter(f.value)}
            >
              <span className="filter-swatch" aria-hidden="true" />
              {f.label}
              <span className="filter-count">
                {filterCount(f.value)}
                <span className="sr-only"> éléments</span>
              </span>
            </button>
          ))}
        </div>
      </div>
      <AlertRegion error={alert} onDismiss={() => setAlert(null)} />
      </header>
      <div className="doc-body">
        <main className="tree-pane">
          <div className="tree-head">
            <h2 id="tree-title">Stratégie du pilier emploi</h2>
            <div className="tree-buttons">
              <button type="button" className="btn btn-tertiary" disabled={readOnly} onClick={() => onCommand({ type: 'add-first' })}>
                + Enjeu
              </button>
              <button type="button" className="btn btn-tertiary" disabled={readOnly || !sel} onClick={() => sel && onCommand({ type: 'add-sibling', node: sel })}>
                + À la suite
              </button>
              <button
                type="button"
                className="btn btn-tertiary"
                disabled={readOnly || !sel || defaultChildKind(sel.kind) === null}
                onClick={() => sel && onCommand({ type: 'add-child', node: sel })}
              >
                + Dedans
              </button>
              <button type="button" className="btn btn-tertiary" disabled={readOnly || !sel} onClick={() => sel && onCommand({ type: 'remove', node: sel })}>
                Supprimer
              </button>
            </div>
          </div>
          {nodes !== null && nodes.length === 0 && (
            <p className="tree-empty" id="tree-empty">
              L’arbre est vide. Placez-vous dans l’arbre et appuyez sur Entrée pour créer le premier enjeu, ou utilisez « + Enjeu ».
            </p>
          )}
          {nodes !== null && nodes.length > 0 && rows.length === 0 && (
            <p className="tree-empty">Aucun élément ne correspond à ce filtre.</p>
          )}
          {nodes === null ? (
            <p role="status">Chargement de l’arbre…</p>
          ) : (
            <TreeView
              rows={rows}
              byId={byId}
              isEmpty={nodes.length === 0}
              selectedId={selectedId}
              renaming={renaming}
              readOnly={readOnly}
              focusReq={focusReq}
              labelledBy="tree-title"
              describedBy={readOnly ? 'readonly-banner' : nodes.length === 0 ? 'tree-empty' : undefined}
              onSelect={onSelect}
              onToggle={onToggle}
              onCommand={onCommand}
              onRenameEnd={onRenameEnd}
              onMove={onMove}
              onRefuse={onRefuse}
            />
          )}
          <p className="tree-status" role="status">
            {status}
          </p>
          <div className="toast-region" aria-live="polite">
            {toast && (
              <div
                className="toast"
                key={toast.key}
                onMouseEnter={() => (toastHold.current = true)}
                onMouseLeave={() => (toastHold.current = false)}
                onFocus={() => (toastHold.current = true)}
                onBlur={() => (toastHold.current = false)}
              >
                <span>{toast.text}</span>
                <button
                  type="button"
                  className="btn btn-toast"
                  onClick={() => {
                    setToast(null);
                    void undo();
                  }}
                >
                  Annuler
                </button>
                <button type="button" className="btn btn-toast-close" aria-label="Fermer la notification" onClick={() => setToast(null)}>
                  ×
                </button>
              </div>
            )}
          </div>
        </main>
        <DetailsPanel node={sel} readOnly={readOnly} onUpdate={onUpdate} onIndicator={onIndicator} />
      </div>
      {showKeys && <KeysDialog onClose={() => setShowKeys(false)} />}
      {dialog === 'save-as' && (
        <SaveAsDialog
          doc={doc}
          offline={offline !== null}
          onCancel={closeDialog}
          onSaved={(d) => {
            returnFocus.current = null; // back to the tree: the work goes on there
            closeDialog();
            saved(d);
          }}
        />
      )}
      {dialog === 'backups' && (
        <BackupsDialog
          doc={doc}
          onCancel={closeDialog}
          onRestored={(d) => {
            closeDialog();
            onOpenDoc(d);
          }}
        />
      )}
      {dialog === 'close-offline' && (
        <CloseOfflineDialog
          onCancel={closeDialog}
          onDiscard={() => {
            setDialog(null);
            // Explicit: what is only in memory goes (otherwise a contrat in this state stays open, see App).
            void invoke('doc.close', { docId }).then(onClose);
          }}
          onSaveAs={() => {
            setDialog(null);
            void saveAs();
          }}
        />
      )}
    </div>
  );
}

const KEYS: [string, string][] = [
  ['↑ ↓, Début, Fin', 'Passer d’un élément à l’autre'],
  ['← →', 'Replier, déplier, aller au parent ou à l’enfant'],
  ['Entrée', 'Nouvel élément à la suite (le premier enjeu si l’arbre est vide)'],
  ['Ctrl+Entrée', 'Nouvel élément à l’intérieur'],
  ['F2, ou taper du texte', 'Renommer (Entrée valide, Échap annule)'],
  ['Tab, Maj+Tab', 'Décaler vers la droite, vers la gauche'],
  ['Alt+↑, Alt+↓', 'Monter, descendre parmi ses voisins'],
  ['1 à 6', '1 à ajouter · 2 à garder · 3 à repenser · 4 à renouveler · 5 à jeter · 6 en veille'],
  ['0', 'Retirer la décision'],
  ['Suppr', 'Supprimer l’élément et ses sous-éléments'],
  ['Ctrl+Z, Ctrl+Maj+Z (ou Ctrl+Y)', 'Annuler, rétablir'],
  ['F6, Maj+F6', 'Passer à la zone suivante (barre d’outils, arbre, détails)'],
];

function KeysDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Raccourcis clavier de l’arbre" onCancel={onClose} className="modal-wide">
      <table className="keys">
        <caption className="sr-only">Touches et actions</caption>
        <thead>
          <tr>
            <th scope="col">Touches</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {KEYS.map(([k, v]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="btn btn-primary" autoFocus onClick={onClose}>
          Fermer
        </button>
      </div>
    </Modal>
  );
}
