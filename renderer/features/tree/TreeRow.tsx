// One row of the tree: a treeitem with its kind, title (or the rename field), decision badge, and drag handles.
import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { KIND_LABELS } from '../../../core/domain/tree';
import type { TreeNode } from '../../../core/api/contract';
import { KindIcon } from '../../ui/icons';
import { CommitmentCount } from '../commitments';
import { TagBadge } from '../../ui/TagBadge';
import type { DropZone } from './drop';
import type { Row } from './rows';
import { INDENT, KIND_SHORT, NEW_TITLES, ROW_HEIGHT, levelOf, type RenameEnd, type RenameEndHandler, type Renaming, type TreeCommand } from './tree-types';

export interface TreeRowProps {
  row: Row;
  /** Its index among the rows, and the virtualizer's measure: a row is as tall as its wrapped title and reason. */
  index: number;
  measure: (el: HTMLElement | null) => void;
  top: number;
  selected: boolean;
  tabbable: boolean;
  renaming: Renaming | null;
  readOnly: boolean;
  dragging: boolean;
  drop: DropZone | null;
  dropRefused: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string, expanded: boolean) => void;
  onCommand: (command: TreeCommand) => void;
  onRenameEnd: RenameEndHandler;
}

export const TreeRow = memo(function TreeRow(p: TreeRowProps) {
  const { row, renaming } = p;
  const node = row.node;
  const level = levelOf(node);
  const drag = useDraggable({ id: node.id, disabled: p.readOnly || renaming !== null });
  const dropZone = useDroppable({ id: node.id });
  const setRef = useCallback(
    (el: HTMLDivElement | null) => {
      drag.setNodeRef(el);
      dropZone.setNodeRef(el);
      p.measure(el);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [drag.setNodeRef, dropZone.setNodeRef, p.measure],
  );
  const cls = [
    'tree-row',
    `level-${Math.min(level, 4)}`,
    p.selected ? 'is-selected' : '',
    row.context ? 'is-context' : '',
    p.dragging ? 'is-dragging' : '',
    p.drop ? `drop-${p.drop}` : '',
    p.dropRefused ? 'drop-refused' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      ref={setRef}
      role="treeitem"
      data-id={node.id}
      data-index={p.index}
      data-kind={node.kind}
      aria-level={level}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={p.selected}
      tabIndex={p.tabbable ? 0 : -1}
      className={cls}
      style={{ top: p.top, minHeight: ROW_HEIGHT, ['--indent' as string]: `${(level - 1) * INDENT}px` }}
      title={renaming ? undefined : node.title || 'Sans titre'}
      onClick={() => p.onSelect(node.id)}
      onDoubleClick={() => !p.readOnly && !renaming && p.onCommand({ type: 'rename', node, initial: null })}
      {...drag.listeners}
    >
      <span className="row-indent" aria-hidden="true" />
      <span
        className={'twisty' + (row.hasChildren ? '' : ' twisty-leaf')}
        aria-hidden="true"
        onClick={(e) => {
          if (!row.hasChildren) return;
          e.stopPropagation();
          p.onToggle(node.id, !row.expanded);
        }}
      >
        {row.hasChildren && (
          <svg width="16" height="16" viewBox="0 0 16 16" className={row.expanded ? 'chev chev-open' : 'chev'}>
            <path d="M5 2.5 11 8l-6 5.5Z" fill="currentColor" />
          </svg>
        )}
      </span>
      <span className={`kind-chip kind-${node.kind}`} title={KIND_LABELS[node.kind]}>
        <KindIcon kind={node.kind} />
        {KIND_SHORT[node.kind]}
      </span>
      <span className="row-text">
        {renaming ? (
          <RenameInput node={node} renaming={renaming} onEnd={p.onRenameEnd} />
        ) : (
          <span className={'row-title' + (node.title ? '' : ' row-untitled')}>{node.title || 'Sans titre'}</span>
        )}
        {node.tagNote && !renaming && (
          <span className="row-note" title={`Pourquoi ce choix : ${node.tagNote}`}>
            {node.tagNote}
          </span>
        )}
      </span>
      {row.context && <span className="sr-only">, affiché pour situer les éléments retenus par le filtre</span>}
      <CommitmentCount nodeId={node.id} />
      <TagBadge tag={node.tag} />
    </div>
  );
});

function RenameInput({ node, renaming, onEnd }: { node: TreeNode; renaming: Renaming; onEnd: RenameEndHandler }) {
  const [value, setValue] = useState(renaming.initial);
  const [error, setError] = useState<string | null>(null);
  const ended = useRef(false);
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    const end = el.value.length;
    el.setSelectionRange(end, end);
  }, []);
  const finish = (how: RenameEnd) => {
    if (ended.current) return;
    ended.current = true;
    void onEnd(node.id, value, how).then((problem) => {
      // Refused (too long, empty): the field stays open with the reason beside it; nothing is cut or lost.
      if (problem === null) return;
      ended.current = false;
      setError(problem);
      ref.current?.focus();
    });
  };
  const errorId = `rename-error-${node.id}`;
  return (
    <>
      <input
        ref={ref}
        className="rename-input"
        aria-label={`Titre : ${KIND_LABELS[node.kind].toLowerCase()}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={value}
        placeholder={renaming.justCreated ? node.title || NEW_TITLES[node.kind] : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            e.preventDefault();
            finish('enter');
          } else if (e.key === 'Escape') {
            e.preventDefault();
            finish('escape');
          }
        }}
        onBlur={() => finish('blur')}
        onClick={(e) => e.stopPropagation()}
        onDoubleClick={(e) => e.stopPropagation()}
        onPointerDown={(e) => e.stopPropagation()}
      />
      {error && (
        <span className="field-error rename-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </>
  );
}
