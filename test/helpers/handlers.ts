import { createHandlers, type HandlerSet } from '../../core/handlers';
import { dispatch } from '../../core/api/dispatch';
import type { Channel, Input, Output } from '../../core/api/contract';
import type { Result } from '../../core/api/result';
import { tmpDir } from './tmp';
import { afterEach } from 'vitest';

const sets: HandlerSet[] = [];
afterEach(() => {
  while (sets.length) sets.pop()!.closeAll();
});

/** Handlers over a temp app-data folder; `call` goes through dispatch like every host does. */
export function harness(options: { inMemory?: boolean } = {}): {
  dir: string;
  set: HandlerSet;
  call: <C extends Channel>(c: C, input: Input<C>) => Promise<Result<Output<C>>>;
  must: <C extends Channel>(c: C, input: Input<C>) => Promise<Output<C>>;
  raw: (c: unknown, input: unknown) => Promise<Result<unknown>>;
} {
  const dir = tmpDir('trame-test-', options.inMemory);
  const set = createHandlers({ mode: 'web', appDataDir: dir, defaultDir: dir, version: 'test' });
  sets.push(set);
  const call = <C extends Channel>(c: C, input: Input<C>) =>
    dispatch(set.handlers, c, input) as Promise<Result<Output<C>>>;
  const must = async <C extends Channel>(c: C, input: Input<C>): Promise<Output<C>> => {
    const r = await call(c, input);
    if (!r.ok) throw new Error(`${c} : ${r.error.message}`);
    return r.value;
  };
  return { dir, set, call, must, raw: (c, i) => dispatch(set.handlers, c, i) };
}
