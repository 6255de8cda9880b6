// The tree of the open contrat as the screen holds it: the items from tree.get, the history state, the selection,
// the filter and folded items (kept across screens), and the one way to apply an edit and reload.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { EditOutcome, HistoryState, TreeNode } from '../../../core/api/contract';
import type { Result } from '../../../core/api/result';
import { useDoc, useRemembered } from '../../app/doc-context';
import { ancestorsOf, computeRows, countTags, matchesFilter, type Filter } from './rows';

export interface EditOptions {
  /** Give the focus back to the tree afterwards (keyboard edits). */
  focusTree?: boolean;
  /** Make sure the item to select is visible (clear the filter, expand its ancestors). */
  reveal?: boolean;
}

const NO_HISTORY: HistoryState = { canUndo: false, undoLabel: null, canRedo: false, redoLabel: null };

export function useTreeDocument() {
  const ctx = useDoc();
  const { doc, announce, showError, setEditOffline } = ctx;
  const docId = doc.docId;
  const [nodes, setNodes] = useState<TreeNode[] | null>(null);
  const [history, setHistory] = useState<HistoryState>(NO_HISTORY);
  const [selectedId, setSelectedId] = useState<string | null>(ctx.selection);
  const [filter, setFilter] = useRemembered<Filter>('tree.filter', 'all');
  const [collapsed, setCollapsed] = useRemembered<ReadonlySet<string>>('tree.collapsed', () => new Set());
  const [focusReq, setFocusReq] = useState(0);
  const requestFocus = useCallback(() => setFocusReq((n) => n + 1), []);

  // Latest values for async continuations and window listeners.
  const latest = useRef({ nodes, selectedId, filter, collapsed });
  latest.current = { nodes, selectedId, filter, collapsed };
  const fetchSeq = useRef(0);

  const byId = useMemo(() => new Map((nodes ?? []).map((n) => [n.id, n] as const)), [nodes]);
  const rows = useMemo(() => computeRows(nodes ?? [], filter, collapsed), [nodes, filter, collapsed]);
  const counts = useMemo(() => countTags(nodes ?? []), [nodes]);
  const selected = selectedId ? byId.get(selectedId) ?? null : null;

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
    [announce, setCollapsed, setFilter],
  );

  // For the render benchmark (test/bench/render.ts): from the first tree.get answer to the first painted rows.
  const measured = useRef(false);
  const refresh = useCallback(
    async (focusId: string | null | undefined, opts: EditOptions = {}) => {
      const seq = ++fetchSeq.current;
      const r = await invoke('tree.get', { docId });
      if (seq !== fetchSeq.current) return;
      if (!r.ok) {
        showError(r.error);
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
      if (opts.focusTree) requestFocus();
    },
    [docId, reveal, requestFocus, showError],
  );

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

  // First load, and again when an edit was made elsewhere (ctx.revision). Coming from another screen: focus the tree.
  const focusOnLoad = useRef(ctx.arrived);
  useEffect(() => {
    void refresh(latest.current.selectedId);
    void invoke('history.state', { docId }).then((r) => r.ok && setHistory(r.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docId, ctx.revision]);

  // Once the tree is drawn (the view exists only from then on), it takes the focus if the user came from another screen.
  useEffect(() => {
    if (nodes === null || !focusOnLoad.current) return;
    focusOnLoad.current = false;
    requestFocus();
  }, [nodes, requestFocus]);

  // Keep the address in step with the selection, so a reload comes back to the same item.
  useEffect(() => {
    if (nodes) ctx.setSelection(selectedId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, nodes !== null]);

  // When the filter hides the selected item, select the nearest visible one.
  const lastIndex = useRef(0);
  useEffect(() => {
    const i = rows.findIndex((r) => r.node.id === selectedId);
    if (i >= 0) lastIndex.current = i;
    else if (rows.length) setSelectedId(rows[Math.min(lastIndex.current, rows.length - 1)].node.id);
  }, [rows, selectedId]);

  /** Applies an edit: on success the new history, the write state, and the tree reloaded around `focusId`. */
  const runEdit = useCallback(
    async (call: Promise<Result<EditOutcome>>, opts: EditOptions = {}): Promise<EditOutcome | null> => {
      const r = await call;
      if (!r.ok) {
        const e = r.error;
        if (e.code === 'imbrication' || e.code === 'rien-a-annuler' || e.code === 'rien-a-retablir') announce(e.message);
        else showError(e);
        if (opts.focusTree) requestFocus();
        return null;
      }
      showError(null);
      setHistory(r.value.history);
      setEditOffline(r.value.offline);
      await refresh(r.value.focusId, opts);
      return r.value;
    },
    [announce, refresh, requestFocus, setEditOffline, showError],
  );

  /** Edits from the details panel: errors go back to the field that made them, not to the alert. */
  const saveQuietly = useCallback(
    async (id: string, call: () => Promise<Result<EditOutcome>>): Promise<string | null> => {
      if (ctx.readOnly) return 'Fichier en lecture seule.';
      const r = await call();
      if (!r.ok) return r.error.message;
      setHistory(r.value.history);
      setEditOffline(r.value.offline);
      await refresh(id);
      return null;
    },
    [ctx.readOnly, refresh, setEditOffline],
  );

  return {
    docId, nodes, history, byId, rows, counts, selected, selectedId, setSelectedId, filter, setFilter, collapsed, setCollapsed,
    focusReq: focusReq + ctx.focusReq, requestFocus, latest, runEdit, saveQuietly,
  };
}

export type TreeDocument = ReturnType<typeof useTreeDocument>;
