// The keyboard shortcuts, as a table: the tree's keys and the navigation between screens.
import { Modal } from '../ui/Modal';
import { SCREENS, shortcutOf } from './screens';

const KEYS: [string, string][] = [
  ['↑ ↓, Début, Fin', 'Passer d’un élément à l’autre'],
  ['← →', 'Replier, déplier, aller au parent ou à l’enfant'],
  ['Entrée', 'Nouvel élément à la suite (le premier enjeu si l’arbre est vide)'],
  ['Ctrl+Entrée', 'Nouvel élément à l’intérieur'],
  ['Ctrl+Maj+Entrée', 'Nouvel indicateur de suivi dans l’objectif ou l’action'],
  ['F2, ou taper du texte', 'Renommer (Entrée valide, Échap annule)'],
  ['Tab, Maj+Tab', 'Décaler vers la droite, vers la gauche'],
  ['Alt+↑, Alt+↓', 'Monter, descendre parmi ses voisins'],
  ['1 à 6', '1 à ajouter · 2 à garder · 3 à repenser · 4 à renouveler · 5 à jeter · 6 en veille'],
  ['0', 'Retirer la décision'],
  ['Espace', 'Aller à l’élément suivant sans décision'],
  ['Maj+Entrée', 'Écrire « Pourquoi ce choix ? » (curseur à la fin)'],
  ['Échap', 'Revenir à l’arbre depuis les détails'],
  ['Alt+T, Alt+A, Alt+G, Alt+J, Alt+N', 'Filtre : tout, à ajouter, à garder…, à jeter…, non décidé'],
  ['Suppr', 'Supprimer l’élément et ses sous-éléments'],
  ['Ctrl+Z, Ctrl+Maj+Z (ou Ctrl+Y)', 'Annuler, rétablir'],
  ['F6, Maj+F6', 'Passer à la zone suivante (écrans, barre d’outils, arbre, détails)'],
  ['Alt+I', 'Replier, déplier les détails (réglage gardé)'],
  ...SCREENS.map((s, i): [string, string] => [shortcutOf(i), `Écran « ${s.label} »`]),
  ['Alt+Maj+T', 'Texte agrandi (activer, désactiver ; réglage gardé)'],
  ['Page suivante, Page précédente', 'Atelier : élément suivant, précédent de la revue (depuis la raison : l’enregistre d’abord)'],
  ['R', 'Atelier : écrire la raison de l’élément montré (curseur à la fin, après la raison déjà écrite)'],
  ['Ctrl+Entrée (dans la raison)', 'Atelier : enregistrer la raison et revenir à la revue'],
  ['Échap (dans la raison)', 'Atelier : revenir à la revue sans enregistrer la raison'],
];

export function KeysDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Raccourcis clavier" onCancel={onClose} className="modal-wide">
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
