// The strategy tree: an ARIA tree (roving tabindex), virtualized so 10 000 items stay fast, with keyboard editing
// and drag and drop. It owns navigation and drag state; every edit goes up as a command.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  DndContext,
  DragOverlay,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type Modifier,
} from '@dnd-kit/core';
import { TAG_KEYS } from '../../../core/domain/tree';
import type { TreeNode } from '../../../core/api/contract';
import type { NodeLookup, Row } from './rows';
import { dropVerdict, zoneFor, type DropVerdict, type DropZone } from './drop';
import { KindIcon } from '../../ui/icons';
import { TreeRow } from './TreeRow';
import { KIND_SHORT, ROW_HEIGHT, type RenameEndHandler, type Renaming, type TreeCommand } from './tree-types';

export type { RenameEnd, Renaming, TreeCommand } from './tree-types';

interface TreeViewProps {
  rows: Row[];
  byId: NodeLookup;
  isEmpty: boolean;
  selectedId: string | null;
  renaming: Renaming | null;
  readOnly: boolean;
  /** Bumped by the parent when the selected row must take the focus (after an edit, undo…). */
  focusReq: number;
  labelledBy: string;
  describedBy?: string;
  onSelect: (id: string) => void;
  onToggle: (id: string, expanded: boolean) => void;
  onCommand: (command: TreeCommand) => void;
  onRenameEnd: RenameEndHandler;
  onMove: (node: TreeNode, parentId: string | null, index: number) => void;
  onRefuse: (reason: string) => void;
}

function tagKey(e: ReactKeyboardEvent): string | null {
  const m = /^(?:Digit|Numpad)([0-6])$/.exec(e.code);
  if (m) return m[1];
  return /^[0-6]$/.test(e.key) ? e.key : null;
}

/** The drag card sits just below-right of the pointer, so the row under the pointer and its drop line stay visible. */
const besideCursor: Modifier = ({ activatorEvent, draggingNodeRect, transform }) => {
  if (!draggingNodeRect || !(activatorEvent instanceof PointerEvent)) return transform;
  return {
    ...transform,
    x: transform.x + activatorEvent.clientX - draggingNodeRect.left + 18,
    y: transform.y + activatorEvent.clientY - draggingNodeRect.top + 14,
  };
};

interface DragState { node: TreeNode; overId: string | null; zone: DropZone | null; verdict: DropVerdict | null }

export function TreeView(props: TreeViewProps) {
  const { rows, byId, isEmpty, selectedId, renaming, readOnly, focusReq, onSelect, onToggle, onCommand } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const found = rows.findIndex((r) => r.node.id === selectedId);
  const active = rows.length ? Math.max(0, found) : -1;
  // The selection is briefly outside the rows when a filter just hid it (the screen then picks the nearest item).
  const settled = found >= 0 || selectedId === null || rows.length === 0;
  const [drag, setDrag] = useState<DragState | null>(null);
  const dragRef = useRef<DragState | null>(null);
  dragRef.current = drag;
  const pointer = useRef({ x: 0, y: 0 });
  const dragIndex = drag ? rows.findIndex((r) => r.node.id === drag.node.id) : -1;

  // The selected row (it holds the focus) and the dragged row always stay rendered, even when scrolled away.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const out = defaultRangeExtractor(range);
      for (const extra of [active, dragIndex]) if (extra >= 0 && !out.includes(extra)) out.push(extra);
      return out.sort((a, b) => a - b);
    },
    [active, dragIndex],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    rangeExtractor,
    getItemKey: (i) => rows[i]?.node.id ?? i,
    // Rows grow with long titles and reasons (two or three lines): each is measured once drawn.
    measureElement: (el) => el.getBoundingClientRect().height,
  });

  // Move the focus to the selected row when navigation or the parent asks for it.
  const focusPending = useRef(false);
  const lastFocusReq = useRef(focusReq);
  useLayoutEffect(() => {
    if (!focusPending.current && lastFocusReq.current === focusReq) return;
    if (!settled) return; // focus, highlight and details must show the same item: wait for the selection
    focusPending.current = false;
    lastFocusReq.current = focusReq;
    if (renaming) return; // the rename field takes the focus itself
    if (active < 0) {
      scrollRef.current?.focus();
      return;
    }
    virtualizer.scrollToIndex(active, { align: 'auto' });
    const id = rows[active].node.id;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
    el?.focus({ preventScroll: true });
  });

  const selectIndex = (i: number) => {
    if (!rows.length) return;
    const row = rows[Math.min(rows.length - 1, Math.max(0, i))];
    focusPending.current = true;
    onSelect(row.node.id);
  };

  function onKeyDown(e: ReactKeyboardEvent<HTMLDivElement>) {
    if ((e.target as HTMLElement).tagName === 'INPUT' || drag) return;
    const row = active >= 0 ? rows[active] : null;
    const node = row?.node ?? null;
    const ctrl = e.ctrlKey || e.metaKey;
    const done = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    switch (e.key) {
      case 'ArrowDown':
        done();
        if (e.altKey && node) onCommand({ type: 'move-by', node, delta: 1 });
        else selectIndex(active + 1);
        return;
      case 'ArrowUp':
        done();
        if (e.altKey && node) onCommand({ type: 'move-by', node, delta: -1 });
        else selectIndex(active - 1);
        return;
      case 'Home':
        done();
        selectIndex(0);
        return;
      case 'End':
        done();
        selectIndex(rows.length - 1);
        return;
      case 'PageDown':
      case 'PageUp': {
        done();
        const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 520) / ROW_HEIGHT) - 1);
        selectIndex(active + (e.key === 'PageDown' ? page : -page));
        return;
      }
      case 'ArrowRight':
        done();
        if (!row) return;
        if (row.hasChildren && !row.expanded) onToggle(row.node.id, true);
        else if (row.hasChildren) selectIndex(active + 1);
        return;
      case 'ArrowLeft': {
        done();
        if (!row) return;
        if (row.hasChildren && row.expanded) {
          onToggle(row.node.id, false);
          return;
        }
        const parentIndex = rows.findIndex((r) => r.node.id === row.node.parentId);
        if (parentIndex >= 0) selectIndex(parentIndex);
        return;
      }
      case 'Enter':
        done();
        if (e.shiftKey && !ctrl) {
          if (node) onCommand({ type: 'edit-reason' });
          return;
        }
        if (!node) {
          if (isEmpty) onCommand({ type: 'add-first' });
          return;
        }
        if (ctrl && e.shiftKey) onCommand({ type: 'add-child', node, kind: 'indicateur' });
        else onCommand(ctrl ? { type: 'add-child', node } : { type: 'add-sibling', node });
        return;
      case 'Tab':
        if (!node || ctrl || e.altKey) return;
        done();
        onCommand({ type: e.shiftKey ? 'outdent' : 'indent', node });
        return;
      case 'F2':
        done();
        if (node) onCommand({ type: 'rename', node, initial: null });
        return;
      case 'Delete':
        done();
        if (node) onCommand({ type: 'remove', node });
        return;
    }
    if (ctrl || e.altKey) return;
    if (!node) {
      if (e.key === ' ') {
        done();
        onCommand({ type: 'next-undecided', node: null });
      }
      return;
    }
    const k = tagKey(e);
    if (k !== null) {
      done();
      onCommand({ type: 'tag', node, tag: k === '0' ? null : TAG_KEYS[k] });
      return;
    }
    if (e.key.length === 1 && e.key !== ' ') {
      done();
      onCommand({ type: 'rename', node, initial: e.key });
    } else if (e.key === ' ') {
      done();
      onCommand({ type: 'next-undecided', node });
    }
  }

  // ---- drag and drop ----
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  useEffect(() => {
    if (!drag) return;
    const track = (e: PointerEvent) => {
      pointer.current = { x: e.clientX, y: e.clientY };
    };
    window.addEventListener('pointermove', track, true);
    return () => window.removeEventListener('pointermove', track, true);
  }, [drag !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  function onDragStart(e: DragStartEvent) {
    const node = byId.get(String(e.active.id));
    if (!node) return;
    const ae = e.activatorEvent as PointerEvent;
    pointer.current = { x: ae.clientX, y: ae.clientY };
    onSelect(node.id);
    setDrag({ node, overId: null, zone: null, verdict: null });
  }

  function onDragMove(e: DragMoveEvent) {
    const current = dragRef.current;
    if (!current) return;
    const overId = e.over ? String(e.over.id) : null;
    const overNode = overId ? byId.get(overId) : undefined;
    const el = overId ? scrollRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(overId)}"]`) : null;
    if (!overNode || !el) {
      if (current.overId !== null) setDrag({ ...current, overId: null, zone: null, verdict: null });
      return;
    }
    const rect = el.getBoundingClientRect();
    const zone = zoneFor(pointer.current.y, rect.top, rect.height);
    if (current.overId === overId && current.zone === zone) return;
    setDrag({ ...current, overId, zone, verdict: dropVerdict(byId, current.node, overNode, zone) });
  }

  function onDragEnd(_e: DragEndEvent) {
    const current = dragRef.current;
    setDrag(null);
    focusPending.current = true;
    if (!current?.verdict) return;
    const v = current.verdict;
    if (v.ok) props.onMove(current.node, v.parentId, v.index);
    else if (v.reason) props.onRefuse(v.reason);
  }

  const items = virtualizer.getVirtualItems();
  const refusal = drag?.verdict && !drag.verdict.ok ? drag.verdict.reason : null;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerWithin}
      measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragOver={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDrag(null)}
      accessibility={{
        announcements: {
          onDragStart: ({ active: a }) => `Déplacement de ${byId.get(String(a.id))?.title ?? 'l’élément'} commencé.`,
          onDragOver: ({ over }) => (over ? `Au-dessus de ${byId.get(String(over.id))?.title ?? 'un élément'}.` : 'Hors de l’arbre.'),
          onDragEnd: () => 'Élément déposé.',
          onDragCancel: () => 'Déplacement annulé.',
        },
        screenReaderInstructions: {
          draggable: 'Pour déplacer un élément au clavier, utilisez Alt+Flèche haut ou bas, Tab et Maj+Tab.',
        },
      }}
    >
      <div
        ref={scrollRef}
        className={'tree' + (drag ? ' tree-dragging' : '')}
        role="tree"
        aria-labelledby={props.labelledBy}
        aria-describedby={props.describedBy}
        tabIndex={rows.length === 0 ? 0 : undefined}
        onKeyDown={onKeyDown}
      >
        <div role="none" className="tree-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            const isDropTarget = drag?.overId === row.node.id;
            return (
              <TreeRow
                key={row.node.id}
                row={row}
                index={v.index}
                measure={virtualizer.measureElement}
                top={v.start}
                selected={row.node.id === selectedId || (selectedId === null && v.index === active)}
                tabbable={v.index === active}
                renaming={renaming?.id === row.node.id ? renaming : null}
                readOnly={readOnly}
                dragging={drag?.node.id === row.node.id}
                drop={isDropTarget && drag?.zone ? drag.zone : null}
                dropRefused={isDropTarget && !!drag?.verdict && !drag.verdict.ok && !!drag.verdict.reason}
                onSelect={onSelect}
                onToggle={onToggle}
                onCommand={onCommand}
                onRenameEnd={props.onRenameEnd}
              />
            );
          })}
        </div>
      </div>
      <DragOverlay dropAnimation={null} modifiers={[besideCursor]}>
        {drag && (
          <div className={'drag-card' + (refusal ? ' drag-card-refused' : '')}>
            <span className={`kind-chip kind-${drag.node.kind}`}>
              <KindIcon kind={drag.node.kind} />
              {KIND_SHORT[drag.node.kind]}
            </span>
            <span className="drag-title">{drag.node.title || 'Sans titre'}</span>
            {refusal && <span className="drag-refusal">Impossible : {refusal}</span>}
          </div>
        )}
      </DragOverlay>
    </DndContext>
  );
}

