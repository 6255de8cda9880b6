// What the tree's keys, buttons, drag and drop and details panel ask for, turned into API calls: add, rename, tag,
// indent, move, remove (with its « Annuler » toast), undo and redo. Read-only files refuse them with a French sentence.
import { useCallback, useRef, useState } from 'react';
import { invoke } from '../../api';
import type { Input, TreeNode } from '../../../core/api/contract';
import { KIND_LABELS, KIND_WITH_ARTICLE, TAG_LABELS, canHold, defaultChildKind, type NodeKind } from '../../../core/domain/tree';
import { useDoc } from '../../app/doc-context';
import type { SaveResult } from '../../ui/fields';
import { nextUndecided } from './rows';
import { titleProblem } from './messages';
import { PENDING_ID, type PendingAdd, type RenameEnd, type Renaming, type TreeCommand } from './tree-types';
import type { TreeDocument } from './useTreeDocument';
import { historyAnnouncement } from '../../lib/text';

export interface Toast { key: number; text: string }

export function useTreeCommands(t: TreeDocument) {
  const { doc, readOnly, announce } = useDoc();
  const { docId, runEdit, latest, setCollapsed, requestFocus, saveQuietly, setPending, setSelectedId, setKept } = t;
  const [renaming, setRenaming] = useState<Renaming | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);

  const refuseReadOnly = useCallback(() => {
    announce(`Modification impossible : ${doc.readOnlyReason ?? 'le fichier est ouvert en lecture seule.'}`);
  }, [announce, doc.readOnlyReason]);

  /**
   * A new item is drawn at once with its name field (so a letter typed right after Entrée lands in it) and created
   * only when named: « add then name » is one step of the journal, one undo.
   */
  const add = useCallback(
    (spec: Omit<PendingAdd, 'title'>, fromId: string | null) => {
      if (readOnly) return refuseReadOnly();
      setToast(null);
      setPending({ ...spec, title: '' });
      setSelectedId(PENDING_ID);
      pendingFrom.current = fromId;
      setRenaming({ id: PENDING_ID, initial: '', justCreated: true });
    },
    [readOnly, refuseReadOnly, setPending, setSelectedId],
  );
  const pendingFrom = useRef<string | null>(null);

  /** Ends the naming of a new item: creates it with its name (or the default one), or drops it (Escape). */
  const finishAdd = useCallback(
    async (title: string, how: RenameEnd) => {
      const spec = latest.current.pending;
      if (!spec) return;
      if (how === 'escape') {
        setPending(null);
        setSelectedId(pendingFrom.current);
        requestFocus();
        return;
      }
      setPending({ ...spec, title: title || spec.title });
      const out = await runEdit(
        invoke('tree.add', { docId, parentId: spec.parentId, kind: spec.kind, title, ...(spec.index !== undefined ? { index: spec.index } : {}) }),
        // Shown even under a filter it does not match, until the user moves on.
        { focusTree: how !== 'blur', keep: true, clearPending: true },
      );
      if (!out) {
        setPending(null);
        setSelectedId(pendingFrom.current);
      }
    },
    [docId, latest, requestFocus, runEdit, setPending, setSelectedId],
  );

  const historyStep = useCallback(
    async (which: 'undo' | 'redo') => {
      if (readOnly) return refuseReadOnly();
      setToast(null);
      setRenaming(null);
      const call = invoke(which === 'undo' ? 'journal.undo' : 'journal.redo', { docId });
      const out = await runEdit(call, { focusTree: true, reveal: true });
      if (out) announce(historyAnnouncement(which, out.history));
    },
    [docId, readOnly, refuseReadOnly, runEdit, announce],
  );
  const undo = useCallback(() => historyStep('undo'), [historyStep]);
  const redo = useCallback(() => historyStep('redo'), [historyStep]);

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
        case 'add-first': {
          const roots = (latest.current.nodes ?? []).filter((n) => n.parentId === null);
          const last = roots[roots.length - 1];
          return add({ parentId: null, index: undefined, kind: 'enjeu', depth: 0, afterId: last?.id ?? null }, latest.current.selectedId);
        }
        case 'add-sibling':
          return add(
            { parentId: cmd.node.parentId, index: cmd.node.index + 1, kind: cmd.node.kind, depth: cmd.node.depth, afterId: cmd.node.id },
            cmd.node.id,
          );
        case 'add-child': {
          const kind: NodeKind | null = cmd.kind ?? defaultChildKind(cmd.node.kind);
          if (kind === null) return announce(`${capitalize(KIND_WITH_ARTICLE[cmd.node.kind])} ne peut contenir aucun élément.`);
          if (!canHold(cmd.node.kind, kind)) {
            return announce(`${capitalize(KIND_WITH_ARTICLE[cmd.node.kind])} ne peut pas contenir ${KIND_WITH_ARTICLE[kind]}.`);
          }
          const c = latest.current.collapsed;
          if (c.has(cmd.node.id)) {
            const next = new Set(c);
            next.delete(cmd.node.id);
            setCollapsed(next);
          }
          return add({ parentId: cmd.node.id, index: undefined, kind, depth: cmd.node.depth + 1, afterId: cmd.node.id }, cmd.node.id);
        }
        case 'next-undecided': {
          const next = nextUndecided(latest.current.nodes ?? [], cmd.node?.id ?? null);
          if (!next) return announce('Tous les éléments ont une décision.');
          t.revealAndSelect(next.node.id);
          if (next.wrapped) announce('Retour au premier élément sans décision.');
          return;
        }
        case 'edit-reason':
          return t.focusReason();
        case 'indent':
        case 'outdent':
          setToast(null);
          return void runEdit(invoke(cmd.type === 'indent' ? 'tree.indent' : 'tree.outdent', { docId, id: cmd.node.id }), { focusTree: true });
        case 'remove':
          return void remove(cmd.node);
        case 'tag':
          setToast(null);
          setKept(cmd.node.id); // decided under a filter, it stays in view until the user moves on
          return void runEdit(invoke('tree.update', { docId, id: cmd.node.id, patch: { tag: cmd.tag } }), {
            focusTree: true,
            keep: true,
            local: { id: cmd.node.id, patch: { tag: cmd.tag } },
          }).then(
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
    [add, announce, docId, latest, readOnly, refuseReadOnly, remove, runEdit, setCollapsed, setKept, t],
  );

  const onRenameEnd = useCallback(
    async (id: string, value: string, how: RenameEnd): Promise<string | null> => {
      const title = value.trim();
      const problem = how === 'escape' ? null : titleProblem(title, id === PENDING_ID);
      if (problem && how === 'enter') return problem; // the field stays open, the message beside it
      setRenaming(null);
      if (problem) announce(`${problem} Titre inchangé.`);
      if (id === PENDING_ID) {
        await finishAdd(problem ? '' : title, problem ? 'escape' : how);
        return null;
      }
      const node = latest.current.nodes?.find((n) => n.id === id);
      if (!node) return null;
      const focusTree = how !== 'blur';
      if (how === 'escape' || problem || title === node.title) {
        if (focusTree) requestFocus();
        return null;
      }
      await runEdit(invoke('tree.update', { docId, id, patch: { title } }), { focusTree });
      return null;
    },
    [announce, docId, finishAdd, latest, requestFocus, runEdit],
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

  const onToggle = useCallback(
    (id: string, expanded: boolean) => {
      setCollapsed((c) => {
        const next = new Set(c);
        if (expanded) next.delete(id);
        else next.add(id);
        return next;
      });
    },
    [setCollapsed],
  );

  const onRefuse = useCallback((reason: string) => announce(`Déplacement impossible : ${reason}`), [announce]);

  const onUpdate = useCallback(
    (id: string, patch: Input<'tree.update'>['patch']): Promise<SaveResult> =>
      saveQuietly(id, () => invoke('tree.update', { docId, id, patch })),
    [docId, saveQuietly],
  );

  const onIndicator = useCallback(
    (id: string, patch: Input<'tree.setIndicator'>['patch']): Promise<SaveResult> =>
      saveQuietly(id, () => invoke('tree.setIndicator', { docId, id, patch })),
    [docId, saveQuietly],
  );

  return { renaming, toast, setToast, undo, redo, onCommand, onRenameEnd, onMove, onToggle, onRefuse, onUpdate, onIndicator };
}

export type TreeCommands = ReturnType<typeof useTreeCommands>;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
