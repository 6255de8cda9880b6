// Shared by the format tests: the demo contrat as a typed or a loosely typed (breakable) copy, a minimal
// document, and refusal helpers that check the French message and the JSON path of a problem.
import { expect } from 'vitest';
import { TrameError } from '../../core/api/result';
import { demoDocument } from '../../core/features/start/demo-contrat';
import type { TrameDocument } from '../../core/domain/format-types';
import { buildJsonSchema } from '../../core/format/json-schema';
import { parseTrameDocument } from '../../core/format/schema';

export { demoDocument };

export function demo(): TrameDocument {
  return demoDocument();
}

/** A mutable deep copy of the demo, typed loosely so tests can break it. */
export function demoRaw(): any {
  return JSON.parse(JSON.stringify(demoDocument()));
}

export function minimal(tree: unknown[] = []): any {
  return { format: 'trame', version: 1, contrat: { name: 'Contrat test', epci: 'CA test' }, tree };
}

export function refusal(run: () => unknown): TrameError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(TrameError);
    return err as TrameError;
  }
  throw new Error('expected a refusal');
}

/** Refused as format-invalide, with a detail line starting with `path : ` and containing `fragment`. */
export function expectProblem(raw: unknown, where: string, fragment: string): TrameError {
  const err = refusal(() => parseTrameDocument(raw));
  expect(err.code).toBe('format-invalide');
  const details = err.details ?? [];
  const line = details.find((d) => d.startsWith(`${where} : `) && d.includes(fragment));
  expect(line, `no detail « ${where} : …${fragment}… » in:\n${details.join('\n')}`).toBeDefined();
  expect(err.message).toMatch(/^Document d'échange Trame refusé : /);
  return err;
}

/**
 * Checks that the published JSON Schema (through ajv) and the validator give the same verdict on a document:
 * `check(raw, expectValid, label)`.
 */
export async function schemaAgreement(): Promise<(raw: any, expectValid: boolean, label: string) => void> {
  const Ajv2020: any = (await import('ajv/dist/2020')).default;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(buildJsonSchema());
  return (raw, expectValid, label) => {
    expect(validate(raw), `${label}: ${JSON.stringify(validate.errors)}`).toBe(expectValid);
    let zodValid = true;
    try {
      parseTrameDocument(raw);
    } catch {
      zodValid = false;
    }
    expect(zodValid, label).toBe(expectValid);
  };
}
