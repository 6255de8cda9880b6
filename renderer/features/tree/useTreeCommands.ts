// What the tree's keys, buttons, drag and drop and details panel ask for, turned into API calls: add, rename, tag,
// indent, move, remove (with its « Annuler » toast), undo and redo. Read-only files refuse them with a French sentence.
import { useCallback, useState } from 'react';
import { invoke } from '../../api';
import type { Input, TreeNode } from '../../../core/api/contract';
import { KIND_LABELS, TAG_LABELS, defaultChildKind } from '../../../core/domain/tree';
import { useDoc } from '../../app/doc-context';
import type { SaveResult } from '../../ui/fields';
import type { RenameEnd, Renaming, TreeCommand } from './tree-types';
import type { TreeDocument } from './useTreeDocument';

export interface Toast { key: number; text: string }

export function useTreeCommands(t: TreeDocument) {
  const { doc, readOnly, announce } = useDoc();
  const { docId, runEdit, latest, setCollapsed, requestFocus, saveQuietly } = t;
  const [renaming, setRenaming] = useState<Renaming | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);

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

  const historyStep = useCallback(
    async (which: 'undo' | 'redo') => {
      if (readOnly) return refuseReadOnly();
      setToast(null);
      setRenaming(null);
      const call = invoke(which === 'undo' ? 'history.undo' : 'history.redo', { docId });
      const out = await runEdit(call, { focusTree: true, reveal: true });
      if (out) announce(which === 'undo' ? 'Modification annulée.' : 'Modification rétablie.');
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
        case 'outdent':
          setToast(null);
          return void runEdit(invoke(cmd.type === 'indent' ? 'tree.indent' : 'tree.outdent', { docId, id: cmd.node.id }), { focusTree: true });
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
    [add, announce, docId, latest, readOnly, refuseReadOnly, remove, runEdit, setCollapsed],
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
        if (focusTree) requestFocus();
        return;
      }
      if (title === '') {
        announce('Le titre ne peut pas être vide : titre inchangé.');
        if (focusTree) requestFocus();
        return;
      }
      await runEdit(invoke('tree.update', { docId, id, patch: { title } }), { focusTree });
    },
    [announce, docId, latest, renaming, requestFocus, runEdit],
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
