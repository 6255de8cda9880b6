// The screens of an open contrat, in the order of the navigation. Each is one entry here and one folder under
// renderer/features/; its shortcut is Alt + its position (Alt+1, Alt+2…), which the tree's own keys (digits alone,
// F2, F6, Tab, Alt+↑/↓) leave free. Nine screens at most (Alt+1…Alt+9), in the order of the work: the tree and the
// workshop, partners and commitments, the COPIL, the protocole and its signatures; the contrat's identity and the journal.
import type { ComponentType } from 'react';
import { TreeScreen } from '../features/tree';
import { JournalScreen } from '../features/journal';
import { CommitmentsScreen, PartnersScreen } from '../features/commitments';
import { ContratScreen } from '../features/contrat';
import { WorkshopScreen } from '../features/workshop';
import { ProtocoleScreen } from '../features/protocole';
import { CopilScreen } from '../features/indicators';
import { VersionsScreen } from '../features/versions';

export interface ScreenDef {
  /** In the address (#/contrat?…&vue=journal): French, stable. */
  id: string;
  /** The screen's name, in French (its heading, the shortcuts' list, the navigation's tooltip). */
  label: string;
  /** The navigation's word: short, so that nine screens fit in one line at 1024 px on a projector. */
  nav: string;
  component: ComponentType;
}

export const SCREENS: readonly ScreenDef[] = [
  { id: 'arbre', label: 'Arbre stratégique', nav: 'Arbre', component: TreeScreen },
  { id: 'atelier', label: 'Atelier', nav: 'Atelier', component: WorkshopScreen },
  { id: 'partenaires', label: 'Partenaires', nav: 'Partenaires', component: PartnersScreen },
  { id: 'engagements', label: 'Engagements', nav: 'Engagements', component: CommitmentsScreen },
  { id: 'copil', label: 'Tableau de bord COPIL', nav: 'COPIL', component: CopilScreen },
  { id: 'protocole', label: 'Protocole', nav: 'Protocole', component: ProtocoleScreen },
  { id: 'versions', label: 'Versions et signatures', nav: 'Signatures', component: VersionsScreen },
  { id: 'contrat', label: 'Contrat', nav: 'Contrat', component: ContratScreen },
  { id: 'journal', label: 'Journal des modifications', nav: 'Journal', component: JournalScreen },
];

export const DEFAULT_SCREEN = SCREENS[0].id;

export function screenById(id: string | undefined): ScreenDef {
  return SCREENS.find((s) => s.id === id) ?? SCREENS[0];
}

/** « Alt+1 » for the first screen: what aria-keyshortcuts and the label show. */
export function shortcutOf(index: number): string {
  return `Alt+${index + 1}`;
}

/** The screen an Alt+digit key press asks for (by the physical key, so that it works on every layout), or null. */
export function screenForKey(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): ScreenDef | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (!m) return null;
  return SCREENS[Number(m[1]) - 1] ?? null;
}
