// The renderer's only door to the handlers: the Electron preload bridge when present, else the HTTP harness.
// Typed by the contract; always answers with a Result (a network failure becomes a French error, never a throw).
import type { Channel, Input, Invoke, Output, ShellBridge } from '../core/api/contract';
import type { Result } from '../core/api/result';

async function httpInvoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  let res: Response;
  try {
    res = await fetch('/api/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return {
      ok: false,
      error: { code: 'interne', message: 'Trame ne répond pas : le serveur local est arrêté. Relancez Trame puis réessayez.' },
    };
  }
  try {
    return (await res.json()) as Result<Output<C>>;
  } catch {
    return {
      ok: false,
      error: { code: 'interne', message: `Réponse illisible du serveur local (HTTP ${res.status}). Réessayez.` },
    };
  }
}

export const invoke: Invoke = (channel, input) => {
  const bridge = window.trame;
  if (bridge) return bridge.invoke(channel, input);
  return httpInvoke(channel, input);
};

/** Native dialogs and window control, only inside Electron. */
export function shell(): ShellBridge | null {
  return window.trameShell ?? null;
}
