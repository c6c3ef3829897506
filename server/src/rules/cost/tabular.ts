// The query-shape facts the cost rules share, read from the analysed tree of one block: which
// tables are read, which operators act on each read's rows afterwards, and which of those filter
// on time. Computed once per tree and cached, since every cost rule asks.

import { TIME_COLUMNS } from '../../engine/schema';
import { child, parentMap, walk, type SyntaxNode } from '../../kusto/syntax';


const COMPARISONS = new Set([
  'GreaterThanExpression', 'GreaterThanOrEqualExpression', 'LessThanExpression', 'LessThanOrEqualExpression',
  'BetweenExpression', 'NotBetweenExpression', 'EqualExpression',
]);

export interface TimeFilter {
  /** The `where` operator. */
  filter: SyntaxNode;
  /** Datetime columns the filter compares directly (`Timestamp > ago(1d)` → Timestamp). */
  columns: SyntaxNode[];
}

export interface TableRead {
  /** The table's name where it is read (a NameReference to a schema table). */
  node: SyntaxNode;
  table: string;
  /** The table's own time column, when its schema has one (the first of several). */
  timeColumn?: string;
  /** Every time column the table has. */
  timeColumns: string[];
  /** Operators that act on this read's rows afterwards, nearest first, through unions and lets. */
  downstream: SyntaxNode[];
  timeFilters: TimeFilter[];
}

export interface QueryFacts {
  parents: Map<SyntaxNode, SyntaxNode>;
  reads: TableRead[];
  /** The block's output statements (not `let`s), each with the operators of its whole chain. */
  outputs: { statement: SyntaxNode; expression: SyntaxNode; operators: SyntaxNode[] }[];
}

const cache = new WeakMap<SyntaxNode, QueryFacts>();

export function queryFacts(root: SyntaxNode): QueryFacts {
  let facts = cache.get(root);
  if (!facts) {
    facts = computeFacts(root);
    cache.set(root, facts);
  }
  return facts;
}

/** `T | a | b` → source `T`, operators `[a, b]`. */
export function unpipe(expression: SyntaxNode): { source: SyntaxNode; operators: SyntaxNode[] } {
  const operators: SyntaxNode[] = [];
  let current = expression;
  while (current.kind === 'PipeExpression') {
    const operator = child(current, 'Operator');
    if (operator) operators.unshift(operator);
    current = child(current, 'Expression') ?? current;
    if (current.kind === 'PipeExpression' && !child(current, 'Expression')) break;
  }
  return { source: current, operators };
}

/** The datetime columns a `where` compares, or undefined when it is no time filter at all. */
export function timeFilterColumns(filter: SyntaxNode): SyntaxNode[] | undefined {
  const condition = child(filter, 'Condition');
  if (!condition) return undefined;
  const columns: SyntaxNode[] = [];
  let callsAgo = false;
  walk(condition, (node) => {
    if (node.kind === 'FunctionCallExpression' && ['ago', 'now', 'ingestion_time'].includes(node.symbol?.name ?? '')) callsAgo = true;
    if (COMPARISONS.has(node.kind)) {
      for (const operand of node.children) if (isDatetimeColumn(operand)) columns.push(operand);
    }
    if (node.kind === 'InExpression' || node.kind === 'FunctionCallExpression') return node.kind === 'FunctionCallExpression';
    return true;
  });
  return columns.length > 0 || callsAgo ? columns : undefined;
}

export function isDatetimeColumn(node: SyntaxNode): boolean {
  return node.kind === 'NameReference' && node.symbol?.kind === 'Column' && node.type?.kind === 'scalar' && node.type.name === 'datetime';
}

function computeFacts(root: SyntaxNode): QueryFacts {
  const parents = parentMap(root);
  const letUses = new Map<object, SyntaxNode[]>();
  const tableNodes: SyntaxNode[] = [];
  const letValues = new Map<object, SyntaxNode>();
  const outputs: QueryFacts['outputs'] = [];
  walk(root, (node) => {
    if (node.kind === 'FunctionDeclaration') return false;
    if (node.kind === 'LetStatement') {
      const symbol = child(node, 'Name')?.symbol;
      const value = child(node, 'Expression');
      if (symbol && value) letValues.set(symbol, value);
    }
    if (node.kind === 'NameReference' && node.symbol) {
      if (node.symbol.kind === 'Table' && node.type?.kind === 'table' && !isPathPart(node, parents)) tableNodes.push(node);
      if (node.symbol.kind === 'Variable' && node.type?.kind === 'table') letUses.set(node.symbol, [...(letUses.get(node.symbol) ?? []), node]);
    }
    if (node.kind === 'ExpressionStatement') {
      const expression = child(node, 'Expression');
      if (expression && expression.type?.kind === 'table') outputs.push({ statement: node, expression, operators: chainOperators(expression, letValues) });
    }
    return true;
  });
  const reads = tableNodes.map((node): TableRead => {
    const downstream = downstreamOperators(node, parents, letUses, 0);
    const columns = node.type?.kind === 'table' ? node.type.columns : [];
    const timeColumns = TIME_COLUMNS.filter((name) => columns.some((c) => c.name === name && c.type === 'datetime'));
    const timeColumn = timeColumns[0];
    const timeFilters = downstream.flatMap((op) => {
      if (op.kind !== 'FilterOperator') return [];
      const found = timeFilterColumns(op);
      return found ? [{ filter: op, columns: found }] : [];
    });
    return { node, table: node.symbol!.name, ...(timeColumn ? { timeColumn } : {}), timeColumns, downstream, timeFilters };
  });
  return { parents, reads, outputs };
}

/** `cluster("c").database("d").T`: the `T` there is a remote table's name, not a local read. */
function isPathPart(node: SyntaxNode, parents: Map<SyntaxNode, SyntaxNode>): boolean {
  return parents.get(node)?.kind === 'PathExpression';
}

/**
 * The operators that see `node`'s rows: the rest of each pipe it is the source of, through
 * parentheses, `union` members and `let` names (a let's rows reach every place the name is used).
 * A join's or lookup's right side, and a subquery inside an operator, see only their own pipe.
 */
function downstreamOperators(node: SyntaxNode, parents: Map<SyntaxNode, SyntaxNode>, letUses: Map<object, SyntaxNode[]>, depth: number): SyntaxNode[] {
  const operators: SyntaxNode[] = [];
  let current = node;
  for (;;) {
    const parent = parents.get(current);
    if (!parent) break;
    if (parent.kind === 'PipeExpression') {
      if (current.field === 'Expression') {
        const operator = child(parent, 'Operator');
        if (operator) operators.push(operator);
      } else if (current.kind !== 'UnionOperator') break;
    } else if (parent.kind === 'LetStatement') {
      const symbol = child(parent, 'Name')?.symbol;
      if (symbol && depth < 8) for (const use of letUses.get(symbol) ?? []) operators.push(...downstreamOperators(use, parents, letUses, depth + 1));
      break;
    } else if (parent.kind === 'ExpressionStatement' || parent.kind === 'JoinOperator' || parent.kind === 'LookupOperator') {
      break;
    } else if (!['ParenthesizedExpression', 'SeparatedElement', 'List', 'UnionOperator', 'FunctionCallExpression', 'ExpressionList'].includes(parent.kind)) {
      break;
    }
    current = parent;
  }
  return operators;
}

/** Every operator of an output expression's chain, including those of the lets its source names. */
function chainOperators(expression: SyntaxNode, letValues: Map<object, SyntaxNode>): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  let current: SyntaxNode | undefined = expression;
  for (let depth = 0; current && depth < 8; depth++) {
    const { source, operators } = unpipe(current);
    result.push(...operators);
    current = source.kind === 'NameReference' && source.symbol?.kind === 'Variable' ? letValues.get(source.symbol) : undefined;
  }
  return result;
}

/** The operator keyword's span (`where`, `join`, `mv-expand`), for findings about the operator. */
export function keywordOf(operator: SyntaxNode): SyntaxNode {
  return operator.children.find((c) => c.isToken) ?? operator;
}

/** The value text of an operator's `name=value` parameter (`kind=inner` → `inner`). */
export function namedParameter(operator: SyntaxNode, name: string): string | undefined {
  for (const parameter of child(operator, 'Parameters')?.children ?? []) {
    if (parameter.kind !== 'NamedParameter') continue;
    const declared = child(parameter, 'Name');
    if (!declared || declared.start === declared.end) continue;
    const text = tokenText(declared);
    if (text.toLowerCase() !== name) continue;
    const value = child(parameter, 'Expression');
    return value ? tokenText(value) : undefined;
  }
  return undefined;
}

/** The concatenated token texts below `node`. */
export function tokenText(node: SyntaxNode): string {
  if (node.isToken) return node.text ?? '';
  return node.children.map(tokenText).join('');
}
