// The tree of the open contrat as the screen holds it: the items from tree.get, the history state, the selection,
// the filter and folded items (kept across screens), and the one way to apply an edit and reload.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { EditOutcome, HistoryState, TreeNode } from '../../../core/api/contract';
import type { Result } from '../../../core/api/result';
import { useDoc, useRemembered } from '../../app/doc-context';
import { ancestorsOf, computeRows, countTags, findNode, lazyLookup, matchesFilter, type Filter } from './rows';
import { PENDING_ID, type PendingAdd } from './tree-types';

/** The nodes with the row of the item being created, placed where it will go (it is drawn before it exists). */
function withPending(nodes: TreeNode[], p: PendingAdd | null): TreeNode[] {
  if (!p) return nodes;
  const draft: TreeNode = {
    id: PENDING_ID, parentId: p.parentId, kind: p.kind, depth: p.depth, index: p.index ?? 0, title: p.title, description: null,
    tag: null, tagNote: null, childCount: 0, indicator: null,
  };
  // After the subtree of `afterId` (its last descendant), or at the very start / end.
  let at = p.afterId === null ? (p.parentId === null && p.index === 0 ? 0 : nodes.length) : -1;
  if (at < 0) {
    const i = nodes.findIndex((n) => n.id === p.afterId);
    if (i < 0) at = nodes.length;
    else {
      at = i + 1;
      while (at < nodes.length && nodes[at].depth > nodes[i].depth) at++;
    }
  }
  return [...nodes.slice(0, at), draft, ...nodes.slice(at)];
}

export interface EditOptions {
  /** Give the focus back to the tree afterwards (keyboard edits). */
  focusTree?: boolean;
  /** Make sure the item to select is visible (clear the filter, expand its ancestors). */
  reveal?: boolean;
  /** Keep the item to select in view even under a filter it does not match (just decided, just created). */
  keep?: boolean;
  /** The new item's row drawn before it existed gives way to the real one, in the same redraw. */
  clearPending?: boolean;
  /**
   * The edit changed only these fields of one item (a decision, a reason): once the file accepted it, the item is
   * patched in place instead of reading the whole tree again (10 000 items), and the selection stays where the user
   * already moved it. Falls back to a full read while another read is under way, so that no answer is lost.
   */
  local?: { id: string; patch: Partial<Pick<TreeNode, 'tag' | 'tagNote' | 'title' | 'description'>> };
}

const NO_HISTORY: HistoryState = { canUndo: false, undoLabel: null, canRedo: false, redoLabel: null };

export function useTreeDocument() {
  const ctx = useDoc();
  const { doc, announce, showError, setEditOffline } = ctx;
  const docId = doc.docId;
  const [nodes, setNodes] = useState<TreeNode[] | null>(null);
  const [history, setHistory] = useState<HistoryState>(NO_HISTORY);
  const [selectedId, setSelectedId] = useState<string | null>(ctx.selection);
  const [filter, setFilterState] = useRemembered<Filter>('tree.filter', 'all');
  const [collapsed, setCollapsed] = useRemembered<ReadonlySet<string>>('tree.collapsed', () => new Set());
  const [focusReq, setFocusReq] = useState(0);
  /** The item just decided: it stays in view under a filter that no longer matches it until the user moves on. */
  const [kept, setKept] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingAdd | null>(null);
  // Choosing another filter is moving on: the item just decided no longer stays in view.
  const setFilter = useCallback(
    (f: Filter) => {
      setKept(null);
      setFilterState(f);
    },
    [setFilterState],
  );
  const requestFocus = useCallback(() => setFocusReq((n) => n + 1), []);

  // Latest values for async continuations and window listeners.
  const latest = useRef({ nodes, selectedId, filter, collapsed, pending });
  latest.current = { nodes, selectedId, filter, collapsed, pending };
  const fetchSeq = useRef(0);
  const reading = useRef(0);

  const viewNodes = useMemo(() => withPending(nodes ?? [], pending), [nodes, pending]);
  const byId = useMemo(() => lazyLookup(viewNodes), [viewNodes]);
  const keep = useMemo(() => new Set([kept, pending ? PENDING_ID : null].filter((k): k is string => k !== null)), [kept, pending]);
  const rows = useMemo(() => computeRows(viewNodes, filter, collapsed, keep), [viewNodes, filter, collapsed, keep]);
  const counts = useMemo(() => countTags(nodes ?? []), [nodes]);
  const selected = useMemo(() => findNode(viewNodes, selectedId), [viewNodes, selectedId]);

  // Moving on from the item just decided lets the filter hide it again.
  useEffect(() => {
    if (kept !== null && selectedId !== kept) setKept(null);
  }, [kept, selectedId]);

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
      reading.current++;
      const r = await invoke('tree.get', { docId }).finally(() => reading.current--);
      if (seq !== fetchSeq.current) return;
      if (!r.ok) {
        showError(r.error);
        return;
      }
      const list = r.value.nodes;
      if (!measured.current) performance.mark('trame:tree-data');
      // One scan each, no set of 100 000 ids for two questions.
      let sel = findNode(list, focusId)?.id ?? null;
      if (!sel) sel = findNode(list, latest.current.selectedId)?.id ?? null;
      if (!sel && list.length) sel = list[0].id;
      setNodes(list);
      setSelectedId(sel);
      if (opts.keep && sel) setKept(sel);
      if (opts.clearPending) setPending(null);
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

  // First load, and again when an edit was made elsewhere (ctx.revision). Coming from another screen, or just after
  // creating or opening the contrat (the focus is then nowhere), the tree takes the focus.
  const focusOnLoad = useRef(ctx.arrived || document.activeElement === null || document.activeElement === document.body);
  useEffect(() => {
    void refresh(latest.current.selectedId);
    void invoke('journal.state', { docId }).then((r) => r.ok && setHistory(r.value));
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

  /** Selects an item, unfolds its parents (and drops a filter that hides it), and gives it the focus. */
  const revealAndSelect = useCallback(
    (id: string) => {
      setSelectedId(id);
      if (latest.current.nodes) reveal(id, latest.current.nodes);
      requestFocus();
    },
    [reveal, requestFocus],
  );

  /** « Pourquoi ce choix ? » of the selected item takes the focus, the cursor after what is already written. */
  const focusReason = useCallback((): void => {
    const el = document.getElementById('d-tagnote');
    if (!(el instanceof HTMLTextAreaElement) || el.disabled) return;
    el.focus(); // focus() scrolls only as far as needed to show the field
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

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
      announce(''); // a message about an earlier step must not outlive this success
      setHistory(r.value.history);
      setEditOffline(r.value.offline);
      const list = latest.current.nodes;
      if (opts.local && list && reading.current === 0 && list.some((n) => n.id === opts.local!.id)) {
        const { id, patch } = opts.local;
        setNodes(list.map((n) => (n.id === id ? { ...n, ...patch } : n)));
        if (opts.keep) setKept(id);
        if (opts.focusTree) requestFocus();
      } else {
        await refresh(r.value.focusId, opts);
      }
      return r.value;
    },
    [announce, latest, refresh, requestFocus, setEditOffline, showError],
  );

  /** Edits from the details panel: errors go back to the field that made them, not to the alert. */
  const saveQuietly = useCallback(
    async (id: string, call: () => Promise<Result<EditOutcome>>): Promise<string | null> => {
      if (ctx.readOnly) return 'Fichier en lecture seule.';
      const r = await call();
      if (!r.ok) return r.error.message;
      announce('');
      setHistory(r.value.history);
      setEditOffline(r.value.offline);
      await refresh(id);
      return null;
    },
    [announce, ctx.readOnly, refresh, setEditOffline],
  );

  return {
    docId, docKey: doc.path, nodes, history, byId, rows, counts, selected, selectedId, setSelectedId, filter, setFilter, collapsed, setCollapsed,
    kept, setKept, pending, setPending, revealAndSelect, focusReason,
    focusReq: focusReq + ctx.focusReq, requestFocus, latest, runEdit, saveQuietly,
  };
}

export type TreeDocument = ReturnType<typeof useTreeDocument>;
