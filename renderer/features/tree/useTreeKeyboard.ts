// The tree screen's keys that work anywhere on it — Ctrl+Z / Ctrl+Maj+Z / Ctrl+Y, Alt+letter for the filters, and F6
// to go from region to region (Tab belongs to the tree) — and the native menu's tree commands.
import { useEffect, useRef } from 'react';
import { onMenu } from '../../lib/menu';
import type { Filter } from './rows';
import { filterForKey } from './TreeToolbar';
import type { TreeCommands } from './useTreeCommands';
import type { TreeDocument } from './useTreeDocument';

/** The regions F6 goes through, in order. */
const REGIONS = ['.doc-nav', '.toolbar', '.tree-pane', '.details'];

/** Where F6 lands in each region: never on « Annuler » (a stray Espace there would undo), the details' first field. */
const LANDING: Record<string, string> = {
  '.toolbar': '.filters [aria-pressed="true"]',
  '.details': '.details textarea:not([disabled]), .details input:not([disabled]), .details select:not([disabled])',
};

function isEditable(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && !!el.closest('input, textarea, select, [contenteditable="true"]');
}

/** Alt+I (by the letter, or the physical key where Alt changes the letter): fold or unfold the details. */
const isDetailsKey = (e: KeyboardEvent) =>
  e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.key.toLowerCase() === 'i' || e.code === 'KeyI');

export function useTreeKeyboard(t: TreeDocument, c: TreeCommands, toggleDetails: () => void): void {
  const handlers = useRef({ t, c, toggleDetails });
  handlers.current = { t, c, toggleDetails };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { c: cmds, t: tree } = handlers.current;
      const ctrl = e.ctrlKey || e.metaKey;
      if (ctrl && !e.altKey && !isEditable(e.target) && !document.querySelector('dialog[open]')) {
        const k = e.key.toLowerCase();
        if (k === 'z') {
          e.preventDefault();
          void (e.shiftKey ? cmds.redo() : cmds.undo());
        } else if (k === 'y') {
          e.preventDefault();
          void cmds.redo();
        }
      }
      if (isDetailsKey(e) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        handlers.current.toggleDetails();
        return;
      }
      const filter = filterForKey(e);
      if (filter && !document.querySelector('dialog[open]') && !(isEditable(e.target) && /Mac/.test(navigator.platform))) {
        e.preventDefault();
        tree.setFilter(filter);
        tree.requestFocus();
        return;
      }
      // Escape from the toolbar: back to the tree (the details panel does the same itself).
      if (e.key === 'Escape' && !e.defaultPrevented && (e.target as HTMLElement).closest?.('.toolbar') && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        tree.requestFocus();
        return;
      }
      if (e.key === 'F6') {
        e.preventDefault();
        // The regions on screen (the details panel may be folded).
        const regions = REGIONS.filter((s) => document.querySelector(s));
        const current = regions.findIndex((s) => (e.target as HTMLElement).closest?.(s));
        const next = regions[(current + (e.shiftKey ? regions.length - 1 : 1) + regions.length) % regions.length];
        if (next === '.tree-pane') tree.requestFocus();
        else if (next === '.doc-nav') document.querySelector<HTMLElement>('.doc-nav [aria-current="page"]')?.focus();
        else document.querySelector<HTMLElement>(LANDING[next])?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(
    () =>
      onMenu((cmd) => {
        const { c: cmds, t: tree } = handlers.current;
        const { selectedId, nodes } = tree.latest.current;
        const node = selectedId ? nodes?.find((n) => n.id === selectedId) ?? null : null;
        const editing = isEditable(document.activeElement);
        switch (cmd) {
          case 'undo':
          case 'redo':
            // In a text field the menu acts on the text, as everywhere else.
            if (editing) document.execCommand(cmd);
            else void (cmd === 'undo' ? cmds.undo() : cmds.redo());
            return true;
          case 'rename':
            if (node) cmds.onCommand({ type: 'rename', node, initial: null });
            return true;
          case 'delete':
            if (node && !editing) cmds.onCommand({ type: 'remove', node });
            return true;
          case 'add-sibling':
            cmds.onCommand(node ? { type: 'add-sibling', node } : { type: 'add-first' });
            return true;
          case 'add-child':
            if (node) cmds.onCommand({ type: 'add-child', node });
            return true;
          case 'filter-all':
          case 'filter-ajouter':
          case 'filter-garder':
          case 'filter-jeter':
            tree.setFilter(cmd.slice('filter-'.length) as Filter);
            tree.requestFocus();
            return true;
        }
        return false;
      }),
    [],
  );
}
