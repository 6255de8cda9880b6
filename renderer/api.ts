// The renderer's only door to the handlers: the Electron preload bridge when present, else the HTTP harness.
// Typed by the contract; always answers with a Result (a network failure becomes a French error, never a throw).
import type { ApiEvent, Channel, Input, Invoke, Output, ShellBridge } from '../core/api/contract';
import type { Result } from '../core/api/result';

/**
 * The HTTP harness's secret of this launch (core/server/http.ts): read once from the page address (`?cle=…`), kept
 * in this tab's sessionStorage so that a reload still works, and removed from the visible address at once (not
 * bookmarked, not shown on a projector). Sent on every call and on the event stream. Never read inside Electron.
 */
const SECRET_KEY = 'trame.cle';
let secret: string | null | undefined;

function harnessSecret(): string | null {
  if (secret !== undefined) return secret;
  secret = null;
  try {
    const url = new URL(window.location.href);
    const given = url.searchParams.get('cle');
    if (given) {
      secret = given;
      try {
        window.sessionStorage.setItem(SECRET_KEY, given);
      } catch {
        // storage refused: the secret lives in memory for this page only
      }
      url.searchParams.delete('cle');
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    } else {
      secret = window.sessionStorage.getItem(SECRET_KEY);
    }
  } catch {
    // no usable location or storage: calls go without the secret and the harness refuses them in French
  }
  return secret;
}

// At load, before the app reads or changes the address: the secret leaves the address bar at once.
if (typeof window !== 'undefined' && !window.trame) harnessSecret();

/** This page's own id: sent with each call, so that the change events it causes are known as its own. */
export const PAGE_ID = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random()).slice(2);

async function httpInvoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  let res: Response;
  try {
    res = await fetch('/api/' + encodeURIComponent(channel), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Trame-Secret': harnessSecret() ?? '', 'X-Trame-Page': PAGE_ID },
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

type EventListener = (event: ApiEvent) => void;
const listeners = new Set<EventListener>();
let source: { close(): void } | null = null;

function isApiEvent(v: unknown): v is ApiEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { kind?: unknown; job?: unknown; change?: unknown; workshop?: unknown };
  if (e.kind === 'doc-changed') return typeof e.change === 'object' && e.change !== null;
  if (e.kind === 'workshop') return typeof e.workshop === 'object' && e.workshop !== null;
  return e.kind === 'job' && typeof e.job === 'object';
}

function fanOut(event: ApiEvent): void {
  for (const l of [...listeners]) l(event);
}

/**
 * The harness's server-sent events, read with fetch rather than EventSource, so that the secret goes in the header
 * and never in an address. Reconnects after a drop (events in between are missed, see below); not after a refusal.
 */
function streamEvents(onEvent: EventListener): { close(): void } {
  let closed = false;
  let ctl: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const connect = async (): Promise<void> => {
    ctl = new AbortController();
    try {
      const res = await fetch('/api/events', { headers: { 'X-Trame-Secret': harnessSecret() ?? '' }, signal: ctl.signal, cache: 'no-store' });
      if (res.status === 403) return; // refused: the calls say why, in French
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, i).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
          buffer = buffer.slice(i + 2);
          let event: unknown;
          try {
            event = data ? JSON.parse(data) : null;
          } catch {
            continue; // not ours: ignored
          }
          if (isApiEvent(event)) onEvent(event);
        }
      }
    } catch {
      // dropped or closed: reconnect below unless closed
    }
    if (!closed) timer = setTimeout(() => void connect(), 3000);
  };
  void connect();
  return {
    close() {
      closed = true;
      ctl?.abort();
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * What the main process pushes to the page (job progress…): in Electron through the preload's `onEvent`, in the
 * browser harness through server-sent events at /api/events (the secret in the header). One connection for the page,
 * opened with the first listener and closed with the last. Returns the unsubscribe function. Events may be missed (reconnection, a job
 * that ended before the subscription): callers also ask for the state they wait on (see lib/jobs.ts).
 */
export function onApiEvent(listener: EventListener): () => void {
  listeners.add(listener);
  if (!source) {
    const bridge = window.trame;
    if (bridge) {
      const off = bridge.onEvent?.(fanOut);
      source = { close: () => off?.() };
    } else if (typeof fetch !== 'undefined') {
      source = streamEvents(fanOut);
    }
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && source) {
      source.close();
      source = null;
    }
  };
}
