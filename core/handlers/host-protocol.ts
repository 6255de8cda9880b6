// The messages between the Electron main thread and the handler host (core/handlers/host-worker.ts), and the one
// encoding of an answer: the UTF-8 bytes of its JSON. Bytes are moved between threads and copied as they are into
// the page's process; only the page's preload turns them back into an object. The main thread, which draws every
// window's frame and routes its input, never builds or clones a large answer.
import type { ApiEvent } from '../api/contract';
import type { Result } from '../api/result';

export type HostRequest =
  | { op: 'call'; id: number; channel: unknown; input: unknown }
  | { op: 'settle'; id: number }
  | { op: 'closeAll'; id: number };

export type HostMessage =
  | { op: 'ready' }
  | { op: 'failed'; message: string }
  | { op: 'reply'; id: number; bytes: Uint8Array; offline?: string[] }
  | { op: 'done'; id: number; offline?: string[] }
  | { op: 'event'; event: ApiEvent; offline?: string[] };

/** An answer as bytes of its own buffer (never a slice of a shared pool: the buffer is moved to another thread). */
export function encodeResult(r: Result<unknown>): Uint8Array {
  let json: string;
  try {
    json = JSON.stringify(r);
  } catch {
    json = JSON.stringify({ ok: false, error: { code: 'interne', message: 'Erreur inattendue : la réponse n’a pas pu être transmise. Vos données déjà enregistrées ne sont pas touchées.' } });
  }
  return new TextEncoder().encode(json);
}

/** An answer's bytes, whichever realm made the array (the preload runs in an isolated world of the page). */
export function isAnswerBytes(x: unknown): x is Uint8Array {
  return Object.prototype.toString.call(x) === '[object Uint8Array]';
}

/** What the page's preload does with an answer's bytes (TextDecoder: the page's own, made when needed). */
export function decodeResult(bytes: Uint8Array): Result<unknown> {
  return JSON.parse(new TextDecoder().decode(bytes)) as Result<unknown>;
}
