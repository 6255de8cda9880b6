// The published JSON Schema (draft 2020-12) of the interchange format, generated from the zod schema
// so the two cannot drift. core/format/trame.schema.json is this output, committed; a test compares them.
// Regenerate with:  TRAME_UPDATE_SCHEMA=1 npx vitest run test/format
import { z } from 'zod';
import { ALLOWED_CHILDREN, NODE_KINDS } from '../domain/tree';
import { trameDocumentSchema } from './document';

type JsonObject = Record<string, unknown>;

/**
 * zod gives the structure; the nesting rules of core/domain/tree.ts are added here as `if/then` on the
 * tree item, and the top level of `tree` is restricted to enjeux. What JSON Schema cannot say (unique
 * ids, references, real calendar dates) is stated in the root description and checked by Trame.
 */
export function buildJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(trameDocumentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
  }) as JsonObject;
  const { $schema, ...rest } = generated;
  const schema: JsonObject = { $schema, $comment: 'Généré depuis le validateur de core/format/ par core/format/json-schema.ts : ne pas modifier à la main.', ...rest };

  const defs = schema.$defs as Record<string, JsonObject>;
  const node = defs.TreeNode;
  const rules: JsonObject[] = [];
  for (const kind of NODE_KINDS) {
    const allowed = ALLOWED_CHILDREN[kind];
    const then: JsonObject =
      allowed.length === 0
        ? { properties: { children: { maxItems: 0 } } }
        : {
            properties: {
              children: {
                items: { properties: { kind: kindConstraint(allowed) } },
              },
            },
          };
    if (kind !== 'indicateur') then.not = { required: ['indicator'] };
    rules.push({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then });
  }
  node.allOf = rules;

  const props = schema.properties as Record<string, JsonObject>;
  const tree = props.tree;
  const items = tree.items as JsonObject;
  tree.items = { ...items, properties: { kind: kindConstraint(ALLOWED_CHILDREN.root) } };
  return schema;
}

function kindConstraint(kinds: readonly string[]): JsonObject {
  return kinds.length === 1 ? { const: kinds[0] } : { enum: [...kinds] };
}

/** The exact text of core/format/trame.schema.json. */
export function jsonSchemaText(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
