// Menu commands from the Electron shell, fanned out to whichever screen is listening.
import type { MenuCommand } from '../../core/api/contract';

type Listener = (command: MenuCommand) => boolean | void;
const listeners = new Set<Listener>();

/** A listener returns true when it handled the command; the first that does wins (newest first). */
export function onMenu(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function dispatchMenu(command: MenuCommand): boolean {
  for (const l of [...listeners].reverse()) if (l(command) === true) return true;
  return false;
}
