// The `--schema` option shared by the commands that analyse queries.

import type { SchemaKind } from '../kusto/environment';
import { choice } from './args';

export const SCHEMA_KINDS: readonly SchemaKind[] = ['defender', 'sentinel', 'both'];

export const schemaOption = { schema: { type: 'string' } } as const;

export function schemaKind(value: string | undefined): SchemaKind {
  return choice(value, SCHEMA_KINDS, 'defender', 'schema');
}

/** The `--schema` given, or undefined to let the detection decide (its spec, its rule file's product). */
export function chosenSchema(value: string | undefined): SchemaKind | undefined {
  return value === undefined ? undefined : schemaKind(value);
}
