// Where the focus goes when the element that had it leaves the page (a row deleted, a panel closed): to the same
// action in the next row (or the previous one), else to a fallback the screen names; and back where it was when a
// dialog closes. Never to the page itself.
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Call before removing the row of `el` (a « Supprimer » button in a <tr> or <li>); call what it returns once the
 * removal was asked (the row may leave the page later, when the screen has read the contrat again). As soon as `el`
 * has left the page, the focus goes to the button of the same action (same first word of its name) in the row now at
 * that place, else in the row before, else to `fallback()`; nothing moves if the focus already landed on an element.
 */
export function focusNearAfterRemoval(el: Element | null, fallback: () => HTMLElement | null): () => void {
  const row = el?.closest('tr, li');
  const action = (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim().split(/[\s:]/)[0];
  const around = [row?.nextElementSibling, row?.previousElementSibling];
  const land = () => {
    const now = document.activeElement;
    if (now && now !== document.body && now.isConnected) return;
    for (const r of around) {
      if (!r?.isConnected) continue;
      const buttons = [...r.querySelectorAll<HTMLElement>('button:not([disabled])')];
      const same = buttons.find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim().startsWith(action)) ?? buttons[0];
      if (same) return same.focus();
    }
    fallback()?.focus();
  };
  return () => {
    if (!el?.isConnected) return requestAnimationFrame(land);
    // The row leaves when the screen's data come back: wait for it (at most ten seconds), then land.
    const watch = new MutationObserver(() => {
      if (el.isConnected) return;
      watch.disconnect();
      clearTimeout(stop);
      requestAnimationFrame(land);
    });
    const stop = setTimeout(() => watch.disconnect(), 10_000);
    watch.observe(document.body, { childList: true, subtree: true });
  };
}

/**
 * A dialog opened from where the focus is (the header's file menu counts as its own button: its items vanish with
 * it), and the focus given back there once the dialog is gone from the page — in an effect, after the commit: asked
 * for earlier (a frame later), it could land on the still-open dialog's inert background, then on <body>. When that
 * element is gone or disabled, `focusScreen` takes it. `forget` sends the focus to the screen at the next close;
 * `dismiss` closes without giving the focus back (a new contrat opens instead).
 */
export function useDialogFocus<T>(focusScreen: () => void) {
  const [open, setOpen] = useState<T | null>(null);
  const back = useRef<HTMLElement | null>(null);
  const closing = useRef(false);
  const show = useCallback((which: T) => {
    const a = document.activeElement;
    const menuButton = a instanceof HTMLElement ? a.closest('.file-menu')?.querySelector<HTMLElement>(':scope > button') : null;
    back.current = menuButton ?? (a instanceof HTMLElement && a !== document.body ? a : null);
    closing.current = false;
    setOpen(() => which);
  }, []);
  const close = useCallback(() => {
    closing.current = true;
    setOpen(null);
  }, []);
  const dismiss = useCallback(() => {
    closing.current = false;
    back.current = null;
    setOpen(null);
  }, []);
  const forget = useCallback(() => {
    back.current = null;
  }, []);
  useEffect(() => {
    if (open !== null || !closing.current) return;
    closing.current = false;
    const el = back.current;
    back.current = null;
    if (el?.isConnected && !(el as HTMLButtonElement).disabled) el.focus();
    else focusScreen();
  }, [open, focusScreen]);
  return { open, show, close, dismiss, forget };
}
