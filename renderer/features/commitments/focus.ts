// Dialogs give the focus back where it was when they close (the button that opened them). The element is taken at the
// first render: by the time effects run, the <dialog> (a child, whose effects run first) has already moved the focus.
import { useEffect, useState } from 'react';

export function useRestoreFocus(): void {
  const [before] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(
    () => () => {
      if (before && before.isConnected) requestAnimationFrame(() => before.focus());
    },
    [before],
  );
}
