// Which page made the call being answered (the HTTP harness sends a page id with each call): a change event carries
// it, so that the page that made a change does not reload what it already shows. Node only (not for the renderer).
import { AsyncLocalStorage } from 'node:async_hooks';

const origin = new AsyncLocalStorage<string>();

/** Runs `fn` as a call from `page` (null: an unknown caller, e.g. the CLI or a test). */
export function withOrigin<T>(page: string | null, fn: () => T): T {
  return page ? origin.run(page, fn) : fn();
}

export function currentOrigin(): string | null {
  return origin.getStore() ?? null;
}
