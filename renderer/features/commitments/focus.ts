// Dialogs give the focus back where it was when they close (the button that opened them).
import { useEffect } from 'react';

export function useRestoreFocus(): void {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    return () => {
      if (before && before.isConnected) requestAnimationFrame(() => before.focus());
    };
  }, []);
}
