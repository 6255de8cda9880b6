// The published JSON Schema (core/format/trame.schema.json): up to date, and in agreement with the validator.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, buildJsonSchema } from '../../core/format/json-schema';
import { demoRaw, minimal, schemaAgreement } from './helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaFile = path.join(root, 'core', 'format', 'trame.schema.json');

describe('published JSON Schema', () => {
  it('core/format/trame.schema.json equals buildJsonSchema() (TRAME_UPDATE_SCHEMA=1 to regenerate)', () => {
    const expected = jsonSchemaText();
    if (process.env.TRAME_UPDATE_SCHEMA === '1') writeFileSync(schemaFile, expected);
    expect(readFileSync(schemaFile, 'utf8')).toBe(expected);
  });

  it('is draft 2020-12 with French titles, strict objects and the nesting rules', () => {
    const s = buildJsonSchema() as any;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.additionalProperties).toBe(false);
    expect(s.title).toContain('Document d\'échange Trame');
    expect(s.$defs.TreeNode.additionalProperties).toBe(false);
    expect(s.$defs.TreeNode.allOf).toHaveLength(4);
    expect(s.properties.tree.items.properties.kind.const).toBe('enjeu');
  });

  it('the JSON Schema agrees with the validator on the cheap cases (ajv)', async () => {
    const check = await schemaAgreement();
    check(demoRaw(), true, 'demo');
    check(minimal(), true, 'minimal');
    const mutations: [string, (d: any) => void][] = [
      ['unknown key', (d) => (d.tree[0].children[1].colour = 'x')],
      ['wrong type', (d) => (d.tree[0].title = 1)],
      ['missing title', (d) => delete d.tree[0].title],
      ['null', (d) => (d.tree[0].description = null)],
      ['action under enjeu', (d) => d.tree[0].children.push({ kind: 'action', title: 'a' })],
      ['objectif at top', (d) => d.tree.push({ kind: 'objectif', title: 'o' })],
      ['children under indicateur', (d) => (d.tree[1].children[0].children[0].children = [{ kind: 'indicateur', title: 'i' }])],
      ['indicator on action', (d) => (d.tree[0].children[0].children[0].indicator = {})],
      ['unknown tag', (d) => (d.tree[0].tag = 'peut-etre')],
      ['bad status', (d) => (d.commitments[0].status = 'fini')],
      ['bad date', (d) => (d.commitments[0].due = '2026-13-01')],
      ['version 0', (d) => (d.version = 0)],
      ['blank title', (d) => (d.tree[0].title = '  ')],
    ];
    for (const [label, mutate] of mutations) {
      const d = demoRaw();
      mutate(d);
      check(d, false, label);
    }
  });
});
