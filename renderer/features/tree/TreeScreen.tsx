// « Arbre stratégique »: the pillar's tree (enjeu → objectif → action → indicateur) edited by keyboard, mouse and drag
// and drop, with undo/redo, the filters by decision and the details of the selected item.
import { useCallback } from 'react';
import './triage.css';
import { createPortal } from 'react-dom';
import { canHold, defaultChildKind } from '../../../core/domain/tree';
import { useDoc } from '../../app/doc-context';
import { FileMenu } from '../../ui/FileMenu';
import { DetailsPanel, useDetailsFold } from './DetailsPanel';
import { Toast } from './Toast';
import { TreeToolbar } from './TreeToolbar';
import { TreeView } from './TreeView';
import type { Filter } from './rows';
import { useTreeCommands } from './useTreeCommands';
import { useTreeDocument } from './useTreeDocument';
import { useTreeKeyboard } from './useTreeKeyboard';
import { PENDING_ID } from './tree-types';

export function TreeScreen() {
  const { readOnly, toolbarSlot } = useDoc();
  const t = useTreeDocument();
  const c = useTreeCommands(t);
  const details = useDetailsFold(t.requestFocus);
  useTreeKeyboard(t, c, details.toggle);
  const { nodes, rows } = t;
  // The row of an item being named is not an item yet: nothing to add beside it or to show in the details.
  const sel = t.selected?.id === PENDING_ID ? null : t.selected;
  const { setToast } = c;
  const dismissToast = useCallback(() => setToast(null), [setToast]);
  const { setFilter, requestFocus } = t;
  // A filter chosen with the mouse gives the keys back to the tree at once (arrows, 1–6).
  const chooseFilter = useCallback((f: Filter) => {
    setFilter(f);
    requestFocus();
  }, [setFilter, requestFocus]);

  return (
    <>
      {toolbarSlot &&
        createPortal(
          <TreeToolbar
            history={t.history}
            readOnly={readOnly}
            counts={t.counts}
            filter={t.filter}
            onFilter={chooseFilter}
            onUndo={() => void c.undo()}
            onRedo={() => void c.redo()}
            edits={
                <FileMenu
                  label="Élément"
                  className="btn btn-tertiary tree-add"
                  align="left"
                  disabled={readOnly}
                  title="Ajouter ou supprimer un élément (Entrée : à la suite ; Ctrl+Entrée : dedans ; Suppr : supprimer)"
                  items={[
                    { label: '+ Enjeu', onSelect: () => c.onCommand({ type: 'add-first' }) },
                    { label: '+ À la suite', keys: 'Enter', disabled: !sel, onSelect: () => sel && c.onCommand({ type: 'add-sibling', node: sel }) },
                    {
                      label: '+ Dedans', keys: 'Control+Enter', disabled: !sel || defaultChildKind(sel.kind) === null,
                      onSelect: () => sel && c.onCommand({ type: 'add-child', node: sel }),
                    },
                    {
                      label: '+ Indicateur', keys: 'Control+Shift+Enter', title: 'Nouvel indicateur de suivi dans l’objectif ou l’action (Ctrl+Maj+Entrée)',
                      disabled: !sel || !canHold(sel.kind, 'indicateur'), onSelect: () => sel && c.onCommand({ type: 'add-child', node: sel, kind: 'indicateur' }),
                    },
                    {
                      label: 'Supprimer', keys: 'Delete', title: 'Supprimer l’élément et ses sous-éléments (Suppr)',
                      disabled: !sel, onSelect: () => sel && c.onCommand({ type: 'remove', node: sel }),
                    },
                  ]}
                />
              }
            end={
              <button
                type="button"
                className="btn btn-tertiary details-toggle"
                aria-expanded={details.open}
                aria-controls={details.open ? 'details-panel' : undefined}
                aria-keyshortcuts="Alt+I"
                title={`${details.open ? 'Replier' : 'Déplier'} les détails (Alt+I)`}
                onClick={details.toggle}
              >
                Détails
              </button>
            }
          />,
          toolbarSlot,
        )}
      <div className="doc-body">
        <main className="tree-pane">
          <h2 id="tree-title" className="sr-only">
            Stratégie du pilier emploi
          </h2>
          {nodes !== null && nodes.length === 0 && (
            <p className="tree-empty" id="tree-empty">
              L’arbre est vide. Placez-vous dans l’arbre et appuyez sur Entrée pour créer le premier enjeu, ou utilisez « + Enjeu ».
            </p>
          )}
          {nodes !== null && nodes.length > 0 && rows.length === 0 && <p className="tree-empty">Aucun élément ne correspond à ce filtre.</p>}
          {nodes === null ? (
            <p role="status">Chargement de l’arbre…</p>
          ) : (
            <TreeView
              rows={rows}
              byId={t.byId}
              isEmpty={nodes.length === 0}
              selectedId={t.selectedId}
              renaming={c.renaming}
              readOnly={readOnly}
              focusReq={t.focusReq}
              labelledBy="tree-title"
              describedBy={readOnly ? 'readonly-banner' : nodes.length === 0 ? 'tree-empty' : undefined}
              onSelect={t.setSelectedId}
              onToggle={c.onToggle}
              onCommand={c.onCommand}
              onRenameEnd={c.onRenameEnd}
              onMove={c.onMove}
              onRefuse={c.onRefuse}
            />
          )}
          <Toast toast={c.toast} onUndo={() => void c.undo()} onDismiss={dismissToast} />
        </main>
        {details.open && (
          <DetailsPanel
            node={sel}
            docKey={t.docKey}
            readOnly={readOnly}
            onUpdate={c.onUpdate}
            onIndicator={c.onIndicator}
            onEscape={requestFocus}
          />
        )}
      </div>
    </>
  );
}
