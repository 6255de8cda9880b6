// The one door into the handlers, used by the Electron IPC bridge, the HTTP harness and the CLI:
// channel and input are `unknown` until parsed; the answer is always a Result, never a throw.
import { channels, isChannel, type Channel, type Input, type Output } from './contract';
import { toAppError, unknownChannelError, type Result } from './result';
import { issueForPeople, zodIssuesToFrench } from './zod-french';

export type Handlers = { [C in Channel]: (input: Input<C>) => Promise<Output<C>> | Output<C> };

export async function dispatch(handlers: Handlers, channel: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: unknownChannelError(channel) };
  }
  const parsed = channels[channel].input.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) {
    const details = zodIssuesToFrench(parsed.error.issues);
    // A field a person typed is named in their words; a program's mistake keeps the channel and the path.
    const forPeople = issueForPeople(parsed.error.issues[0]);
    return {
      ok: false,
      error: { code: 'entree-invalide', message: forPeople ?? `Données refusées pour « ${channel} » : ${sentenceEnd(details[0])}`, details },
    };
  }
  try {
    const handler = handlers[channel] as (i: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value: value === undefined ? null : value };
  } catch (err) {
    return { ok: false, error: toAppError(err) };
  }
}

/** A fragment ending a French sentence: a final period unless it already ends with one (or ? ! » …). */
function sentenceEnd(fragment: string): string {
  return /[.?!»…)]$/.test(fragment) ? fragment : `${fragment}.`;
}
