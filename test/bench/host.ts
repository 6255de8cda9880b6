// What the bench's files share: the median and the elapsed time of a run, and a host with windows (handlers over
// their own app-data folder, as the UI has them; not the CLI, whose jobs run on its own thread) with its `call`.
import { dispatch } from '../../core/api/dispatch';
import { createHandlers, type HandlerSet } from '../../core/handlers';

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds since `t0` (process.hrtime.bigint()). */
export const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/** Handlers over `appDataDir`; `call` answers a channel's value, or throws its French message. */
export function benchHost(appDataDir: string, defaultDir: string): { set: HandlerSet; call: (channel: string, input: unknown) => Promise<any> } {
  const set = createHandlers({ mode: 'web', appDataDir, defaultDir, version: 'bench' });
  const call = async (channel: string, input: unknown): Promise<any> => {
    const r = await dispatch(set.handlers, channel, input);
    if (!r.ok) throw new Error(`${channel} : ${r.error.message}`);
    return r.value;
  };
  return { set, call };
}
