// The registry: each feature declares its channels (name, zod input, result type) in its own contract.ts,
// and this combines them into the one API. A channel name declared twice is refused when the module loads,
// so two features can never answer the same call. Pure: the renderer imports the combined contract.
import type { z } from 'zod';

/** One channel: its argument validator, and its result type (carried by the type only). */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output: O;
}

/** Declares a channel whose handler returns `O`. */
export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelSpec<I, O> => ({ input, output: undefined as O });
}

export type ChannelTable = Record<string, ChannelSpec>;

/** A feature's part of the contract: its name (for error messages) and its channels. */
export interface FeatureContract<T extends ChannelTable = ChannelTable> {
  feature: string;
  channels: T;
}

export function defineContract<T extends ChannelTable>(feature: string, channels: T): FeatureContract<T> {
  for (const name of Object.keys(channels)) {
    if (!/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/.test(name)) {
      throw new Error(`Canal « ${name} » de la fonctionnalité « ${feature} » : nom mal formé (attendu : domaine.action).`);
    }
  }
  return { feature, channels };
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Merged<P extends readonly FeatureContract[]> = UnionToIntersection<P[number]['channels']>;

/** Combines the features' channels into one table; a name declared by two features is refused. */
export function combineContracts<P extends readonly FeatureContract[]>(...parts: P): { [K in keyof Merged<P>]: Merged<P>[K] } {
  const out: Record<string, ChannelSpec> = Object.create(null);
  const owner = new Map<string, string>();
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part.channels)) {
      const already = owner.get(name);
      if (already !== undefined) {
        throw new Error(`Canal « ${name} » déclaré deux fois : par « ${already} » et par « ${part.feature} ».`);
      }
      owner.set(name, part.feature);
      out[name] = spec;
    }
  }
  return out as never;
}

/** Combines the features' handler tables; a channel answered twice, or not answered, is refused. */
export function combineHandlers<T>(names: readonly string[], ...parts: { feature: string; handlers: object }[]): T {
  const out: Record<string, unknown> = Object.create(null);
  const owner = new Map<string, string>();
  for (const part of parts) {
    for (const [name, fn] of Object.entries(part.handlers)) {
      const already = owner.get(name);
      if (already !== undefined) throw new Error(`Le canal « ${name} » a deux gestionnaires : « ${already} » et « ${part.feature} ».`);
      if (!names.includes(name)) throw new Error(`« ${part.feature} » répond à « ${name} », qui n'est pas dans le contrat.`);
      owner.set(name, part.feature);
      out[name] = fn;
    }
  }
  const missing = names.filter((n) => !owner.has(n));
  if (missing.length) throw new Error(`Canaux sans gestionnaire : ${missing.join(', ')}.`);
  return out as T;
}

/** The handler table a feature must provide for its contract: one plain function per channel. */
export type HandlersOf<F extends FeatureContract> = {
  [C in keyof F['channels']]: (
    input: z.infer<F['channels'][C]['input']>,
  ) => Promise<F['channels'][C]['output']> | F['channels'][C]['output'];
};
