// The avenant diff on the demo contrat where every kind of change happened.
import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../../core/features/start';
import { diffLines, diffVersions } from '../../../core/features/versions/diff';
import type { TrameDocument, TreeNodeDoc } from '../../../core/domain/format-types';

function find(tree: TreeNodeDoc[], id: string): { node: TreeNodeDoc; siblings: TreeNodeDoc[] } {
  for (const n of tree) {
    if (n.id === id) return { node: n, siblings: tree };
    const inner = n.children ? findOrNull(n.children, id) : null;
    if (inner) return inner;
  }
  throw new Error(`élément ${id} introuvable`);
}
function findOrNull(tree: TreeNodeDoc[], id: string): { node: TreeNodeDoc; siblings: TreeNodeDoc[] } | null {
  try {
    return find(tree, id);
  } catch {
    return null;
  }
}

describe('diffVersions', () => {
  it('says nothing changed between a version and itself', () => {
    const d = diffVersions(demoDocument(), demoDocument());
    expect(d.entries).toEqual([]);
    expect(diffLines(d)).toEqual(['Aucune modification entre ces deux versions.']);
  });

  it('reports every kind of change, in French, each once', () => {
    const a = demoDocument();
    const b: TrameDocument = structuredClone(a);
    // Items: added (with a child), removed (with its child), moved, reordered, retagged, retitled.
    const aller = find(b.tree, 'obj-aller-vers').node;
    aller.children!.push({ id: 'act-nouvelle', kind: 'action', title: 'Maraudes emploi le soir', tag: 'ajouter', children: [{ id: 'ind-nouveau', kind: 'indicateur', title: 'Nombre de maraudes' }] });
    const cafe = find(b.tree, 'act-cafes-emploi');
    cafe.siblings.splice(cafe.siblings.indexOf(cafe.node), 1); // removed with its indicator
    const bus = find(b.tree, 'act-bus-emploi');
    bus.siblings.splice(bus.siblings.indexOf(bus.node), 1);
    find(b.tree, 'obj-droit-commun-visible').node.children!.push(bus.node); // moved under another objectif
    const enjeux = b.tree;
    enjeux.push(enjeux.shift()!); // the first enjeu goes last: ONE reordering, not four
    find(b.tree, 'act-forum-alternance').node.tag = 'jeter';
    find(b.tree, 'act-copil-cite').node.title = 'Comité de pilotage semestriel de la Cité de l’emploi';
    // Commitments: added, changed (target, deadline, status), withdrawn.
    const [c0, c1, c2] = b.commitments!;
    c0.target = { value: 6, unit: 'QPV' };
    c0.due = '2027-06-30';
    c1.status = 'tenu';
    b.commitments!.splice(b.commitments!.indexOf(c2), 1);
    b.commitments!.push({ id: 'eng-nouveau', partner: 'p-caf', text: 'Financer 20 places en crèche à vocation d’insertion.', status: 'propose' });
    // Signatories: changed, removed, added.
    b.signatories![0].name = 'Anne Lefort';
    b.signatories!.splice(5, 1);
    b.signatories!.push({ id: 's-mairie', partner: 'p-agglo', name: 'Louis Petit', role: 'Maire' });

    const d = diffVersions(a, b);
    const labels = d.entries.map((e) => `${e.scope}/${e.kind}: ${e.label}`);
    const only = (scope: string, kind: string) => d.entries.filter((e) => e.scope === scope && e.kind === kind);
    expect(only('element', 'ajout').map((e) => e.id)).toEqual(['act-nouvelle']);
    expect(only('element', 'ajout')[0].label).toBe('Ajout : Action « Maraudes emploi le soir » sous « Mener au moins une action d\'aller-vers dans chaque QPV » (et 1 sous-élément).');
    expect(only('element', 'suppression').map((e) => e.id)).toEqual(['act-cafes-emploi']);
    expect(only('element', 'suppression')[0].label).toContain('(et 1 sous-élément)');
    expect(only('element', 'deplacement').map((e) => e.id)).toEqual(['act-bus-emploi']);
    expect(only('element', 'reordonnancement').map((e) => e.id)).toEqual([a.tree[0].id]);
    expect(only('element', 'etiquette')).toHaveLength(1);
    expect(only('element', 'etiquette')[0].label).toBe('Étiquette de l’action « Forum annuel de l\'emploi et de l\'alternance dans les quartiers » : À renouveler → À jeter.');
    expect(only('element', 'titre')[0].label).toContain('devient « Comité de pilotage semestriel de la Cité de l’emploi »');
    expect(only('engagement', 'cible')[0].label).toContain(': 4 QPV → 6 QPV.');
    expect(only('engagement', 'echeance')[0].label).toContain(': 2026-12-31 → 2027-06-30.');
    expect(only('engagement', 'statut')[0].label).toContain(': En cours → Tenu.');
    expect(only('engagement', 'retrait').map((e) => e.id)).toEqual([c2.id]);
    expect(only('engagement', 'ajout')[0].label).toContain('Financer 20 places en crèche');
    expect(only('signataire', 'modification')[0].label).toBe('Signataire modifié : Claire Morvan, Préfète (Préfecture — délégué du préfet) → Anne Lefort, Préfète (Préfecture — délégué du préfet).');
    expect(only('signataire', 'retrait')[0].label).toContain('Sophie Caron');
    expect(only('signataire', 'ajout')[0].label).toContain('Louis Petit, Maire');
    expect(d.counts).toEqual({ contrat: 0, element: 6, engagement: 5, partenaire: 0, signataire: 3 });
    expect(labels).toHaveLength(14);
  });
});
