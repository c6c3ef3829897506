// Users' own tables, read from JSON in the Sentinel `CustomTables` shape:
// `{"Name": "MyLogs_CL", "Properties": [{"Name": "Col", "Type": "string"}]}`, or an array of those.
// Pure: text in, tables and located errors out. Reading the files is the caller's job.

// The ESM build: esbuild cannot follow the UMD build's dynamic requires.
import { findNodeAtLocation, parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import type { Environment, TableSchema } from './globals';

export interface SchemaFileError {
  /** Offset of the problem in the file's text. */
  offset: number;
  length: number;
  message: string;
}

export interface CustomSchema {
  tables: TableSchema[];
  errors: SchemaFileError[];
}

/** Kusto scalar types, keyed by the lower-cased spellings found in CustomTables files and in Kusto. */
const TYPE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['string', 'string'],
  ['bool', 'bool'],
  ['boolean', 'bool'],
  ['int', 'int'],
  ['int32', 'int'],
  ['long', 'long'],
  ['int64', 'long'],
  ['real', 'real'],
  ['double', 'real'],
  ['float', 'real'],
  ['decimal', 'decimal'],
  ['datetime', 'datetime'],
  ['date', 'datetime'],
  ['timespan', 'timespan'],
  ['time', 'timespan'],
  ['guid', 'guid'],
  ['uniqueid', 'guid'],
  ['dynamic', 'dynamic'],
  ['object', 'dynamic'],
  ['array', 'dynamic'],
]);

/** Parses one custom schema file. Never throws: problems come back as errors, and good tables are kept. */
export function parseCustomSchema(text: string): CustomSchema {
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const errors: SchemaFileError[] = parseErrors.map((e) => ({ offset: e.offset, length: e.length, message: `Invalid JSON: ${printParseErrorCode(e.error)}` }));
  const tables: TableSchema[] = [];
  if (!root) return { tables, errors };
  const tableNodes = root.type === 'array' ? (root.children ?? []) : [root];
  for (const node of tableNodes) {
    const table = readTable(node, errors);
    if (table) tables.push(table);
  }
  return { tables, errors };
}

function readTable(node: Node, errors: SchemaFileError[]): TableSchema | undefined {
  if (node.type !== 'object') {
    errors.push(at(node, 'Expected a table: {"Name": …, "Properties": [{"Name": …, "Type": …}]}'));
    return undefined;
  }
  const name = stringProperty(node, 'Name');
  if (!name) {
    errors.push(at(node, 'A table needs a string "Name".'));
    return undefined;
  }
  const properties = findNodeAtLocation(node, ['Properties']);
  if (!properties || properties.type !== 'array') {
    errors.push(at(properties ?? node, `Table ${name} needs a "Properties" array of columns.`));
    return undefined;
  }
  const columns: TableSchema['columns'] = [];
  for (const column of properties.children ?? []) {
    const columnName = column.type === 'object' ? stringProperty(column, 'Name') : undefined;
    const typeNode = column.type === 'object' ? findNodeAtLocation(column, ['Type']) : undefined;
    if (!columnName || !typeNode || typeNode.type !== 'string') {
      errors.push(at(column, `A column of ${name} needs a string "Name" and "Type".`));
      continue;
    }
    const type = TYPE_ALIASES.get(String(typeNode.value).toLowerCase());
    if (!type) {
      errors.push(at(typeNode, `Unknown column type "${typeNode.value}" for ${name}.${columnName}; using dynamic.`));
    }
    columns.push({ name: columnName, type: type ?? 'dynamic' });
  }
  return { name, columns };
}

function stringProperty(node: Node, key: string): string | undefined {
  const value = findNodeAtLocation(node, [key]);
  return value?.type === 'string' && typeof value.value === 'string' && value.value.length > 0 ? value.value : undefined;
}

function at(node: Node, message: string): SchemaFileError {
  return { offset: node.offset, length: node.length, message };
}

/** `environment` with the custom tables added; a custom table replaces a built-in one of the same name. */
export function withCustomTables(environment: Environment, tables: TableSchema[]): Environment {
  if (tables.length === 0) return environment;
  const custom = new Set(tables.map((t) => t.name));
  return {
    tables: [...tables, ...environment.tables.filter((t) => !custom.has(t.name))],
    openTables: environment.openTables.filter((name) => !custom.has(name)),
    functions: environment.functions.filter((f) => !custom.has(f.name)),
  };
}
