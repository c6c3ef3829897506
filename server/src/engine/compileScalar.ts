// Compiles a scalar expression of the analysed tree, once, into a closure over column arrays.
// `Expr` is two-staged: binding it to an input table fetches the columns it reads; the returned
// `RowFn` then computes one row's value without looking at the tree again.

import { child, listElements, type SyntaxNode, type TypeInfo } from '../kusto/syntax';
import { compareValues as importedCompareValues, valueKey as importedValueKey } from './functions/compare';
import { toKustoString as importedToKustoString } from './functions/convert';
import { compileRegex } from './functions/regex';
import { bindScalarFunction, NOT_CONSTANT, NotSupportedLocally, type CallInfo } from './functions/registry';
import { compileHasAll, compileHasAny, compileStringOperator, equalsIgnoreCase as importedEqualsIgnoreCase, foldString as importedFoldString, type StringOperator } from './functions/strings';
import { literalValue } from './literals';
import { Rel, runtimeError, unsupported, type RunState } from './runtime';
import { parseDateTime, parseGuid, parseTimespan, type Dynamic, type ScalarType, type Value } from './values';

// Module-local copies of functions called per row: under the CommonJS transform every use of an
// imported binding is a property read through the module object.
const compareValues = importedCompareValues;
const valueKey = importedValueKey;
const toKustoString = importedToKustoString;
const equalsIgnoreCase = importedEqualsIgnoreCase;
const foldString = importedFoldString;

export type RowFn = (row: number) => Value;

/** What a bound expression sees: the input table, and a slot where a traced case() records its branch. */
export interface Frame {
  rel: Rel;
  /** The branch the last traced case()/iff() took: its predicate index, or -1 for else. */
  branch: number;
}

export type Expr = (frame: Frame) => RowFn;

export interface Compiled {
  bind: Expr;
  type: ScalarType;
  /** Present when the value is known at compile time (literals, lets, folded pure calls). */
  constant?: { value: Value };
}

/** What a name in scope stands for. Keys are the analysed tree's symbol objects. */
export type Binding =
  | { kind: 'scalar'; compiled: Compiled }
  | { kind: 'table'; produce: () => Rel }
  | { kind: 'function'; declaration: SyntaxNode; scope: Scope };

export type Scope = Map<object, Binding>;

/** Compiles tabular expressions for scalar operators that take a table (`in`, `toscalar`, `has_any`). */
export interface TabularCompiler {
  compileTabular(node: SyntaxNode, scope: Scope): () => Rel;
}

/** The scalar type of an analysed node; `dynamic` when Kusto did not give a scalar type. */
export function scalarTypeOf(type: TypeInfo | undefined): ScalarType {
  if (type?.kind !== 'scalar') return 'dynamic';
  return normalizeTypeName(type.name);
}

export function normalizeTypeName(name: string): ScalarType {
  switch (name) {
    case 'bool':
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
    case 'string':
    case 'datetime':
    case 'timespan':
    case 'guid':
      return name;
    default:
      return 'dynamic';
  }
}

export function isTabular(node: SyntaxNode): boolean {
  return node.type?.kind === 'table';
}

const EMPTY_FRAME_REL = new Rel([], [], 1);

function constantCompiled(value: Value, type: ScalarType): Compiled {
  return { bind: () => () => value, type, constant: { value } };
}

const STRING_OPERATORS: Record<string, { op: StringOperator; negate: boolean }> = {
  HasExpression: { op: 'has', negate: false },
  NotHasExpression: { op: 'has', negate: true },
  HasCsExpression: { op: 'has_cs', negate: false },
  NotHasCsExpression: { op: 'has_cs', negate: true },
  HasPrefixExpression: { op: 'hasprefix', negate: false },
  NotHasPrefixExpression: { op: 'hasprefix', negate: true },
  HasPrefixCsExpression: { op: 'hasprefix_cs', negate: false },
  NotHasPrefixCsExpression: { op: 'hasprefix_cs', negate: true },
  HasSuffixExpression: { op: 'hassuffix', negate: false },
  NotHasSuffixExpression: { op: 'hassuffix', negate: true },
  HasSuffixCsExpression: { op: 'hassuffix_cs', negate: false },
  NotHasSuffixCsExpression: { op: 'hassuffix_cs', negate: true },
  ContainsExpression: { op: 'contains', negate: false },
  NotContainsExpression: { op: 'contains', negate: true },
  ContainsCsExpression: { op: 'contains_cs', negate: false },
  NotContainsCsExpression: { op: 'contains_cs', negate: true },
  StartsWithExpression: { op: 'startswith', negate: false },
  NotStartsWithExpression: { op: 'startswith', negate: true },
  StartsWithCsExpression: { op: 'startswith_cs', negate: false },
  NotStartsWithCsExpression: { op: 'startswith_cs', negate: true },
  EndsWithExpression: { op: 'endswith', negate: false },
  NotEndsWithExpression: { op: 'endswith', negate: true },
  EndsWithCsExpression: { op: 'endswith_cs', negate: false },
  NotEndsWithCsExpression: { op: 'endswith_cs', negate: true },
  EqualTildeExpression: { op: '=~', negate: false },
  BangTildeExpression: { op: '=~', negate: true },
};

const COMPARISONS = new Set(['LessThanExpression', 'LessThanOrEqualExpression', 'GreaterThanExpression', 'GreaterThanOrEqualExpression']);
const ARITHMETIC = new Set(['AddExpression', 'SubtractExpression', 'MultiplyExpression', 'DivideExpression', 'ModuloExpression']);

export class ScalarCompiler {
  constructor(
    private readonly text: string,
    readonly state: RunState,
    private readonly tabular: TabularCompiler,
  ) {}

  /** Source text of a node, for literals and messages. */
  source(node: SyntaxNode): string {
    return this.text.slice(node.start, node.end);
  }

  compile(node: SyntaxNode, scope: Scope, traceBranch = false): Compiled {
    return this.compileNode(node, scope, traceBranch);
  }

  /** Evaluates a compiled expression that reads no columns (a let value, a literal argument). */
  evaluateConstant(compiled: Compiled): Value {
    if (compiled.constant) return compiled.constant.value;
    return compiled.bind({ rel: EMPTY_FRAME_REL, branch: 0 })(0);
  }

  private compileNode(node: SyntaxNode, scope: Scope, traceBranch: boolean): Compiled {
    const kind = node.kind;
    const type = scalarTypeOf(node.type);
    if (kind === 'TypeOfLiteralExpression') {
      // typeof(T) as an argument (extract(…, typeof(long))): functions read T from the result type.
      return constantCompiled(normalizeTypeName(listElements(child(node, 'Types'))[0]?.symbol?.name ?? 'dynamic'), 'string');
    }
    if (kind.endsWith('LiteralExpression') || kind === 'DynamicExpression') {
      const literal = literalValue(node, this.text);
      if (literal === undefined) throw unsupported(node, `literal ${this.source(node)}`);
      return constantCompiled(literal, type);
    }
    switch (kind) {
      case 'ParenthesizedExpression':
        return this.compile(this.need(node, 'Expression'), scope, traceBranch);
      case 'NameReference':
        return this.compileName(node, scope);
      case 'AndExpression':
      case 'OrExpression':
        return this.compileLogical(node, scope);
      case 'EqualExpression':
      case 'NotEqualExpression':
        return this.compileEquality(node, scope);
      case 'UnaryMinusExpression':
        return this.compileNegate(node, scope);
      case 'UnaryPlusExpression':
        return this.compile(this.need(node, 'Expression'), scope);
      case 'InExpression':
      case 'NotInExpression':
      case 'InCsExpression':
      case 'NotInCsExpression':
        return this.compileIn(node, scope);
      case 'HasAnyExpression':
      case 'HasAllExpression':
        return this.compileHasAnyAll(node, scope);
      case 'BetweenExpression':
      case 'NotBetweenExpression':
        return this.compileBetween(node, scope);
      case 'MatchesRegexExpression':
        return this.compileMatchesRegex(node, scope);
      case 'PathExpression':
      case 'ElementExpression':
        return this.compileDynamicAccess(node, scope);
      case 'FunctionCallExpression':
        return this.compileFunctionCall(node, scope, traceBranch);
      case 'ToScalarExpression':
        return this.compileToScalar(node, scope);
      case 'BracketedExpression':
        return this.compile(this.need(node, 'Expression'), scope);
    }
    if (kind in STRING_OPERATORS) return this.compileStringOperator(node, scope);
    if (COMPARISONS.has(kind)) return this.compileComparison(node, scope);
    if (ARITHMETIC.has(kind)) return this.compileArithmetic(node, scope);
    throw unsupported(node, describe(node, this.source(node)));
  }

  need(node: SyntaxNode, field: string): SyntaxNode {
    const found = child(node, field);
    if (!found) throw unsupported(node, `incomplete ${node.kind}`);
    return found;
  }

  // --- names ----------------------------------------------------------------------------------

  private compileName(node: SyntaxNode, scope: Scope): Compiled {
    const symbol = node.symbol;
    const type = scalarTypeOf(node.type);
    if (symbol) {
      const bound = scope.get(symbol);
      if (bound?.kind === 'scalar') return bound.compiled;
      if (bound) throw unsupported(node, `${symbol.name} used as a scalar`);
      if (symbol.kind === 'Column') return this.columnReference(symbol.name, type);
      if (symbol.kind === 'Function') return this.compileCallByName(node, symbol.name, [], scope);
    }
    throw unsupported(node, `the name ${this.source(node)}`);
  }

  private columnReference(name: string, type: ScalarType): Compiled {
    return {
      type,
      bind: (frame) => {
        const values = frame.rel.columnNamed(name, type);
        return (row) => values[row];
      },
    };
  }

  // --- logic and comparison ---------------------------------------------------------------------

  /** Kusto's three-valued `and`/`or`: false and x → false, true or x → true, otherwise null propagates. */
  private compileLogical(node: SyntaxNode, scope: Scope): Compiled {
    const left = this.compile(this.need(node, 'Left'), scope);
    const right = this.compile(this.need(node, 'Right'), scope);
    const isAnd = node.kind === 'AndExpression';
    const decisive = !isAnd; // the value that settles the result on its own
    return {
      type: 'bool',
      bind: (frame) => {
        const l = left.bind(frame);
        const r = right.bind(frame);
        return (row) => {
          const a = l(row);
          if (a === decisive) return decisive;
          const b = r(row);
          if (b === decisive) return decisive;
          return a === null || b === null ? null : !decisive;
        };
      },
    };
  }

  /** `==`/`!=`: null == null is null; null against a value is false for ==, true for !=. */
  private compileEquality(node: SyntaxNode, scope: Scope): Compiled {
    const leftNode = this.need(node, 'Left');
    const left = this.compile(leftNode, scope);
    const right = this.compile(this.need(node, 'Right'), scope);
    const negate = node.kind === 'NotEqualExpression';
    const type = commonType(left.type, right.type);
    const equal = equalityFor(type);
    return {
      type: 'bool',
      bind: (frame) => {
        const l = left.bind(frame);
        const r = right.bind(frame);
        return (row) => {
          const a = l(row);
          const b = r(row);
          if (a === null || b === null) return a === b ? null : negate;
          return equal(a, b) !== negate;
        };
      },
    };
  }

  private compileComparison(node: SyntaxNode, scope: Scope): Compiled {
    const [left, right] = alignDynamic(node, this.compile(this.need(node, 'Left'), scope), this.compile(this.need(node, 'Right'), scope));
    const type = commonType(left.type, right.type);
    const test = comparisonTest(node.kind);
    const fast = type === 'long' || type === 'int' || type === 'real' || type === 'datetime' || type === 'timespan' || type === 'decimal';
    return {
      type: 'bool',
      bind: (frame) => {
        const l = left.bind(frame);
        const r = right.bind(frame);
        if (fast) {
          return (row) => {
            const a = l(row);
            const b = r(row);
            if (a === null || b === null) return null;
            return test((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : a === b ? 0 : NaN);
          };
        }
        return (row) => {
          const a = l(row);
          const b = r(row);
          if (a === null || b === null) return null;
          return test(compareValues(a, b, type));
        };
      },
    };
  }

  private compileBetween(node: SyntaxNode, scope: Scope): Compiled {
    const left = this.compile(this.need(node, 'Left'), scope);
    const couple = this.need(node, 'Right');
    const low = this.compile(this.need(couple, 'First'), scope);
    const high = this.compile(this.need(couple, 'Second'), scope);
    const negate = node.kind === 'NotBetweenExpression';
    const type = left.type;
    // `t between (start .. 1d)` over datetimes: a timespan upper bound is an offset from the start.
    const highIsOffset = type === 'datetime' && high.type === 'timespan';
    return {
      type: 'bool',
      bind: (frame) => {
        const v = left.bind(frame);
        const lo = low.bind(frame);
        const hi = high.bind(frame);
        return (row) => {
          const x = v(row);
          const a = lo(row);
          let b = hi(row);
          if (x === null || a === null || b === null) return null;
          if (highIsOffset) b = (a as bigint) + (b as bigint);
          const inside = compareValues(x, a, type) >= 0 && compareValues(x, b, type) <= 0;
          return inside !== negate;
        };
      },
    };
  }

  private compileNegate(node: SyntaxNode, scope: Scope): Compiled {
    const operand = this.compile(this.need(node, 'Expression'), scope);
    const type = scalarTypeOf(node.type);
    return {
      type,
      bind: (frame) => {
        const v = operand.bind(frame);
        return (row) => {
          const x = v(row);
          if (x === null) return null;
          return typeof x === 'bigint' ? -x : -(x as number);
        };
      },
    };
  }

  private compileArithmetic(node: SyntaxNode, scope: Scope): Compiled {
    const [left, right] = alignDynamic(node, this.compile(this.need(node, 'Left'), scope), this.compile(this.need(node, 'Right'), scope), scalarTypeOf(node.type));
    const type = scalarTypeOf(node.type);
    const op = arithmetic(node.kind, left.type, right.type, type);
    if (!op) throw unsupported(node, `${this.source(node)} (${left.type} ${node.kind.replace('Expression', '').toLowerCase()} ${right.type})`);
    return {
      type,
      bind: (frame) => {
        const l = left.bind(frame);
        const r = right.bind(frame);
        return (row) => {
          const a = l(row);
          const b = r(row);
          if (a === null || b === null) return null;
          return op(a, b);
        };
      },
    };
  }

  // --- string operators ---------------------------------------------------------------------------

  private compileStringOperator(node: SyntaxNode, scope: Scope): Compiled {
    const { op, negate } = STRING_OPERATORS[node.kind];
    const left = this.asString(this.compile(this.need(node, 'Left'), scope));
    const right = this.asString(this.compile(this.need(node, 'Right'), scope));
    if (right.constant) {
      const matcher = compileStringOperator(op, right.constant.value as string);
      return {
        type: 'bool',
        bind: (frame) => {
          const l = left.bind(frame);
          return negate ? (row) => !matcher(l(row) as string) : (row) => matcher(l(row) as string);
        },
      };
    }
    return {
      type: 'bool',
      bind: (frame) => {
        const l = left.bind(frame);
        const r = right.bind(frame);
        return (row) => compileStringOperator(op, r(row) as string)(l(row) as string) !== negate;
      },
    };
  }

  /** The operand as a string, as Kusto converts non-string operands of string operators. */
  asString(compiled: Compiled): Compiled {
    if (compiled.type === 'string') return compiled;
    const type = compiled.type;
    if (compiled.constant) return constantCompiled(toKustoString(compiled.constant.value, type), 'string');
    return {
      type: 'string',
      bind: (frame) => {
        const v = compiled.bind(frame);
        return (row) => toKustoString(v(row), type);
      },
    };
  }

  /** The right-hand list of `in`/`has_any`: scalars, dynamic arrays (flattened) and tables (first column). */
  private constantList(list: SyntaxNode, scope: Scope, operator: string): { values: Value[]; type: ScalarType } {
    const values: Value[] = [];
    let type: ScalarType = 'dynamic';
    for (const element of listElements(child(list, 'Expressions'))) {
      if (isTabular(element)) {
        const rel = this.tabular.compileTabular(element, scope)();
        if (rel.columns.length > 0) {
          const column = rel.column(0);
          type = rel.columns[0].type;
          for (let i = 0; i < rel.rowCount; i++) values.push(column[i]);
        }
        continue;
      }
      const compiled = this.compile(element, scope);
      if (!compiled.constant) throw unsupported(element, `a per-row value on the right of ${operator}`);
      const value = compiled.constant.value;
      if (compiled.type === 'dynamic') flattenInto(value as Dynamic, values);
      else {
        values.push(value);
        type = compiled.type;
      }
    }
    return { values, type };
  }

  private compileIn(node: SyntaxNode, scope: Scope): Compiled {
    const left = this.compile(this.need(node, 'Left'), scope);
    const negate = node.kind === 'NotInExpression' || node.kind === 'NotInCsExpression';
    // Decided by the operator's text: Kusto.Language's node names do not follow `in` / `in~`.
    const caseInsensitive = node.children.some((c) => c.field === 'Operator' && (c.text ?? '').includes('~'));
    const type = left.type;
    const fold = caseInsensitive && (type === 'string' || type === 'guid');
    // Kusto's `in` is an OR of `==`: a null value never matches.
    const keyOf = (value: Value): unknown => {
      if (value === null) return undefined;
      const coerced = coerceForIn(value, type);
      if (coerced === undefined) return undefined;
      return fold && typeof coerced === 'string' ? foldString(coerced) : valueKey(coerced, type);
    };
    const right = this.need(node, 'Right');
    const elements = listElements(child(right, 'Expressions'));
    if (elements.some((e) => !isTabular(e) && !this.compile(e, scope).constant)) return this.compileInPerRow(left, elements, scope, negate, keyOf);
    const keys = new Set<unknown>();
    for (const value of this.constantList(right, scope, 'in').values) {
      const key = keyOf(value);
      if (key !== undefined) keys.add(key);
    }
    return {
      type: 'bool',
      bind: (frame) => {
        const v = left.bind(frame);
        return (row) => {
          const x = v(row);
          if (x === null) return negate;
          const key = fold ? foldString(x as string) : valueKey(x, type);
          return keys.has(key) !== negate;
        };
      },
    };
  }

  /** `x in (a, b)` with per-row values on the right: the list is evaluated for each row. */
  private compileInPerRow(left: Compiled, elements: SyntaxNode[], scope: Scope, negate: boolean, keyOf: (v: Value) => unknown): Compiled {
    const items = elements.map((e) => {
      if (isTabular(e)) throw unsupported(e, 'a table beside per-row values on the right of in');
      return this.compile(e, scope);
    });
    return {
      type: 'bool',
      bind: (frame) => {
        const v = left.bind(frame);
        const fns = items.map((item) => item.bind(frame));
        const dynamicItems = items.map((item) => item.type === 'dynamic');
        return (row) => {
          const x = v(row);
          if (x === null) return negate;
          const key = keyOf(x);
          for (let i = 0; i < fns.length; i++) {
            const value = fns[i](row);
            const candidates: Value[] = [];
            if (dynamicItems[i]) flattenInto(value as Dynamic, candidates);
            else candidates.push(value);
            for (const candidate of candidates) if (keyOf(candidate) === key) return !negate;
          }
          return negate;
        };
      },
    };
  }

  private compileHasAnyAll(node: SyntaxNode, scope: Scope): Compiled {
    const left = this.asString(this.compile(this.need(node, 'Left'), scope));
    const isAny = node.kind === 'HasAnyExpression';
    const { values, type } = this.constantList(this.need(node, 'Right'), scope, isAny ? 'has_any' : 'has_all');
    const needles = values.filter((v) => v !== null).map((v) => (typeof v === 'string' ? v : toKustoString(v, type === 'dynamic' ? dynamicScalarType(v) : type)));
    const matcher = isAny ? compileHasAny(needles, false) : compileHasAll(needles, false);
    return {
      type: 'bool',
      bind: (frame) => {
        const l = left.bind(frame);
        return (row) => matcher(l(row) as string);
      },
    };
  }

  /** `s matches regex p`: RE2 semantics, case-sensitive; the pattern compiled once when constant. */
  private compileMatchesRegex(node: SyntaxNode, scope: Scope): Compiled {
    const left = this.asString(this.compile(this.need(node, 'Left'), scope));
    const right = this.asString(this.compile(this.need(node, 'Right'), scope));
    const compilePattern = (pattern: string) => {
      const compiled = compileRegex(pattern);
      if ('error' in compiled) throw runtimeError(node, `matches regex: ${compiled.error}`);
      return compiled.regex;
    };
    if (right.constant) {
      const regex = compilePattern(right.constant.value as string);
      return {
        type: 'bool',
        bind: (frame) => {
          const l = left.bind(frame);
          return (row) => regex.test(l(row) as string);
        },
      };
    }
    return {
      type: 'bool',
      bind: (frame) => {
        const l = left.bind(frame);
        const r = right.bind(frame);
        return (row) => compilePattern(r(row) as string).test(l(row) as string);
      },
    };
  }

  // --- dynamic access -----------------------------------------------------------------------------

  private compileDynamicAccess(node: SyntaxNode, scope: Scope): Compiled {
    const target = this.compile(this.need(node, 'Expression'), scope);
    const selector = this.need(node, 'Selector');
    let key: Compiled;
    if (node.kind === 'PathExpression') {
      if (selector.kind !== 'NameReference' && selector.kind !== 'BracketedExpression') throw unsupported(node, describe(node, this.source(node)));
      key = selector.kind === 'NameReference' ? constantCompiled(nameText(selector, this.text), 'string') : this.compile(this.need(selector, 'Expression'), scope);
    } else {
      key = this.compile(selector.kind === 'BracketedExpression' ? this.need(selector, 'Expression') : selector, scope);
    }
    if (target.type !== 'dynamic') throw unsupported(node, `member access on a ${target.type}`);
    return {
      type: 'dynamic',
      bind: (frame) => {
        const t = target.bind(frame);
        const k = key.bind(frame);
        return (row) => dynamicMember(t(row) as Dynamic, k(row));
      },
    };
  }

  // --- calls ---------------------------------------------------------------------------------------

  private compileToScalar(node: SyntaxNode, scope: Scope): Compiled {
    const inner = this.need(node, 'Expression');
    const type = scalarTypeOf(node.type);
    if (!isTabular(inner)) return this.compile(inner, scope);
    const rel = this.tabular.compileTabular(inner, scope)();
    const value = rel.rowCount > 0 && rel.columns.length > 0 ? rel.column(0)[0] : type === 'string' ? '' : null;
    return constantCompiled(value, type);
  }

  private compileFunctionCall(node: SyntaxNode, scope: Scope, traceBranch: boolean): Compiled {
    const nameNode = this.need(node, 'Name');
    const args = listElements(child(this.need(node, 'ArgumentList'), 'Expressions'));
    const symbol = node.symbol ?? nameNode.symbol;
    const bound = symbol ? scope.get(symbol) : undefined;
    if (bound?.kind === 'function') return this.compileUserCall(node, bound, args, scope);
    if (bound) throw unsupported(node, `calling ${symbol?.name}`);
    const name = nameText(nameNode, this.text);
    switch (name) {
      case 'case':
        return this.compileCase(node, args, scope, traceBranch);
      case 'iff':
      case 'iif':
        return this.compileCase(node, args, scope, traceBranch);
      case 'coalesce':
        return this.compileCoalesce(node, args, scope);
      case 'not':
        return this.compileNot(node, args, scope);
      case 'now':
        return this.compileNow(node, args, scope, 1n);
      case 'ago':
        return this.compileNow(node, args, scope, -1n);
      case 'row_number':
        return this.compileRowNumber(node, args, scope);
      case 'prev':
      case 'next':
        return this.compilePrevNext(node, name, args, scope);
      case 'column_ifexists':
        return this.compileColumnIfExists(node, args, scope);
    }
    return this.compileCallByName(node, name, args, scope);
  }

  /** Calls a function from the functions library; folds it when every argument is constant. */
  private compileCallByName(node: SyntaxNode, name: string, argNodes: SyntaxNode[], scope: Scope): Compiled {
    const args = argNodes.map((a) => {
      if (isTabular(a)) throw unsupported(a, `a tabular argument to ${name}()`);
      return this.compile(a, scope);
    });
    const type = scalarTypeOf(node.type);
    const info: CallInfo = {
      name,
      argTypes: args.map((a) => a.type),
      resultType: type,
      constants: args.map((a) => (a.constant ? a.constant.value : NOT_CONSTANT)),
      now: this.state.now,
    };
    const binding = bindScalarFunction(info);
    if (binding === undefined) throw unsupported(node, `${name}()`);
    if (typeof binding !== 'function') throw unsupported(node, binding.unsupported);
    const evaluate = binding;
    const call = (values: Value[]): Value => {
      try {
        return evaluate(values);
      } catch (error) {
        if (error instanceof NotSupportedLocally) throw unsupported(node, error.what);
        throw runtimeError(node, `${name}(): ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    if (args.every((a) => a.constant)) return constantCompiled(call(args.map((a) => a.constant!.value)), type);
    const count = args.length;
    return {
      type,
      bind: (frame) => {
        const fns = args.map((a) => a.bind(frame));
        if (count === 1) {
          const f0 = fns[0];
          return (row) => call([f0(row)]);
        }
        if (count === 2) {
          const [f0, f1] = fns;
          return (row) => call([f0(row), f1(row)]);
        }
        return (row) => call(fns.map((f) => f(row)));
      },
    };
  }

  /** A `let` function: its body compiled with each parameter bound to the caller's argument. */
  private compileUserCall(node: SyntaxNode, fn: Extract<Binding, { kind: 'function' }>, args: SyntaxNode[], scope: Scope): Compiled {
    const body = this.bindParameters(node, fn, args, scope);
    const expression = this.need(this.need(fn.declaration, 'Body'), 'Expression');
    if (isTabular(expression)) throw unsupported(node, 'a tabular function used as a scalar');
    return this.compile(expression, body);
  }

  /** The scope a user function's body runs in: its closure, its parameters, its own lets. */
  bindParameters(node: SyntaxNode, fn: Extract<Binding, { kind: 'function' }>, args: SyntaxNode[], callerScope: Scope): Scope {
    const inner: Scope = new Map(fn.scope);
    const parameters = listElements(child(this.need(fn.declaration, 'Parameters'), 'Parameters'));
    // Named arguments (`f(c=7, a=12)`) bind by name; the others by position.
    const named = new Map<string, SyntaxNode>();
    const positional: SyntaxNode[] = [];
    for (const arg of args) {
      if (arg.kind === 'SimpleNamedExpression') named.set(nameText(this.need(arg, 'Name'), this.text), this.need(arg, 'Expression'));
      else positional.push(arg);
    }
    parameters.forEach((parameter, i) => {
      const declaration = parameter.children.find((c) => c.kind === 'NameAndTypeDeclaration') ?? parameter;
      const nameNode = declaration.kind === 'NameDeclaration' ? declaration : child(declaration, 'Name');
      const symbol = nameNode?.symbol;
      if (!symbol) throw unsupported(parameter, 'this function parameter');
      const arg = named.get(symbol.name) ?? (i < positional.length ? positional[i] : undefined);
      if (!arg) {
        const defaultValue = child(parameter, 'DefaultValue');
        const value = defaultValue ? child(defaultValue, 'Value') : undefined;
        if (!value) throw unsupported(node, `a call without argument ${symbol.name}`);
        inner.set(symbol, { kind: 'scalar', compiled: this.compile(value, inner) });
      } else if (isTabular(arg)) {
        inner.set(symbol, { kind: 'table', produce: this.tabular.compileTabular(arg, callerScope) });
      } else {
        inner.set(symbol, { kind: 'scalar', compiled: this.compile(arg, callerScope) });
      }
    });
    return inner;
  }

  /**
   * `case(p1, v1, …, else)` and `iff(p, t, e)`: the value of the first predicate that is true
   * (null is not true). With `traceBranch`, the fired branch is written to the frame.
   */
  private compileCase(node: SyntaxNode, args: SyntaxNode[], scope: Scope, traceBranch: boolean): Compiled {
    if (args.length < 3 || args.length % 2 === 0) throw unsupported(node, `${this.source(node).slice(0, 20)}… with ${args.length} arguments`);
    const type = scalarTypeOf(node.type);
    const predicates: Compiled[] = [];
    const results: Compiled[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      predicates.push(this.compile(args[i], scope));
      results.push(this.compile(args[i + 1], scope));
    }
    const fallback = this.compile(args[args.length - 1], scope);
    const count = predicates.length;
    return {
      type,
      bind: (frame) => {
        const ps = predicates.map((p) => p.bind(frame));
        const rs = results.map((r) => r.bind(frame));
        const e = fallback.bind(frame);
        if (count === 1 && !traceBranch) {
          const [p] = ps;
          const [r] = rs;
          return (row) => (p(row) === true ? r(row) : e(row));
        }
        if (traceBranch) {
          return (row) => {
            for (let i = 0; i < count; i++) {
              if (ps[i](row) === true) {
                frame.branch = i;
                return rs[i](row);
              }
            }
            frame.branch = -1;
            return e(row);
          };
        }
        return (row) => {
          for (let i = 0; i < count; i++) if (ps[i](row) === true) return rs[i](row);
          return e(row);
        };
      },
    };
  }

  /** `coalesce`: the first non-null argument (for strings, the first non-empty), evaluated lazily. */
  private compileCoalesce(node: SyntaxNode, args: SyntaxNode[], scope: Scope): Compiled {
    const compiled = args.map((a) => this.compile(a, scope));
    const type = scalarTypeOf(node.type);
    const empty = type === 'string' ? '' : null;
    return {
      type,
      bind: (frame) => {
        const fns = compiled.map((c) => c.bind(frame));
        return (row) => {
          for (const f of fns) {
            const v = f(row);
            if (v !== null && v !== '') return v;
          }
          return empty;
        };
      },
    };
  }

  private compileNot(node: SyntaxNode, args: SyntaxNode[], scope: Scope): Compiled {
    if (args.length !== 1) throw unsupported(node, 'not() with this argument list');
    const operand = this.compile(args[0], scope);
    return {
      type: 'bool',
      bind: (frame) => {
        const v = operand.bind(frame);
        return (row) => {
          const x = v(row);
          return x === null ? null : !x;
        };
      },
    };
  }

  /** `now([offset])` and `ago(span)`: the query's one clock reading, shifted. */
  private compileNow(node: SyntaxNode, args: SyntaxNode[], scope: Scope, sign: bigint): Compiled {
    if (args.length === 0) {
      if (sign < 0n) throw unsupported(node, 'ago() without an argument');
      return constantCompiled(this.state.now, 'datetime');
    }
    const offset = this.compile(args[0], scope);
    const now = this.state.now;
    const shift = (v: Value): Value => (v === null ? null : now + sign * (v as bigint));
    if (offset.constant) return constantCompiled(shift(offset.constant.value), 'datetime');
    return {
      type: 'datetime',
      bind: (frame) => {
        const v = offset.bind(frame);
        return (row) => shift(v(row));
      },
    };
  }

  /** `row_number([start])`: the row's position in the serialized input. */
  private compileRowNumber(node: SyntaxNode, args: SyntaxNode[], scope: Scope): Compiled {
    if (args.length > 1) throw unsupported(node, 'row_number() with restart');
    const start = args.length === 1 ? this.evaluateConstant(this.requireConstant(args[0], scope, 'row_number start')) : 1;
    if (typeof start !== 'number') throw unsupported(node, 'row_number() with this start');
    return { type: 'long', bind: () => (row) => row + start };
  }

  /** `prev(x[, offset[, default]])` / `next(…)`: `x` evaluated on a neighbouring row. */
  private compilePrevNext(node: SyntaxNode, name: string, args: SyntaxNode[], scope: Scope): Compiled {
    if (args.length === 0 || args.length > 3) throw unsupported(node, `${name}() with ${args.length} arguments`);
    const value = this.compile(args[0], scope);
    const offsetValue = args.length > 1 ? this.evaluateConstant(this.requireConstant(args[1], scope, `${name} offset`)) : 1;
    if (typeof offsetValue !== 'number') throw unsupported(node, `${name}() with this offset`);
    const fallback = args.length > 2 ? this.compile(args[2], scope) : constantCompiled(value.type === 'string' ? '' : null, value.type);
    const delta = name === 'prev' ? -offsetValue : offsetValue;
    return {
      type: value.type,
      bind: (frame) => {
        const v = value.bind(frame);
        const d = fallback.bind(frame);
        const count = frame.rel.rowCount;
        return (row) => {
          const other = row + delta;
          return other >= 0 && other < count ? v(other) : d(row);
        };
      },
    };
  }

  /** `column_ifexists(name, default)`: the column when the rows have it, else the default. */
  private compileColumnIfExists(node: SyntaxNode, args: SyntaxNode[], scope: Scope): Compiled {
    if (args.length !== 2) throw unsupported(node, 'column_ifexists() with this argument list');
    const name = this.evaluateConstant(this.requireConstant(args[0], scope, 'column name'));
    if (typeof name !== 'string') throw unsupported(args[0], 'column_ifexists() with this name');
    const fallback = this.compile(args[1], scope);
    const type = scalarTypeOf(node.type);
    return {
      type,
      bind: (frame) => {
        const index = frame.rel.indexOf(name);
        if (index < 0) return fallback.bind(frame);
        const values = frame.rel.column(index);
        return (row) => values[row];
      },
    };
  }

  requireConstant(node: SyntaxNode, scope: Scope, what: string): Compiled {
    const compiled = this.compile(node, scope);
    if (!compiled.constant) throw unsupported(node, `a per-row ${what}`);
    return compiled;
  }
}

// --- helpers ----------------------------------------------------------------------------------------

function describe(node: SyntaxNode, source: string): string {
  const short = source.length > 40 ? source.slice(0, 40) + '…' : source;
  return `${node.kind.replace(/Expression$|Operator$/, '')} (${short})`;
}

/** The plain name of a name reference (`count`, `['my col']` → `my col`). */
export function nameText(node: SyntaxNode, text: string): string {
  let found: string | undefined;
  const visit = (n: SyntaxNode): void => {
    if (found !== undefined) return;
    if (n.isToken && n.text && n.kind !== 'OpenBracketToken' && n.kind !== 'CloseBracketToken') found = n.value ?? n.text;
    else n.children.forEach(visit);
  };
  visit(node);
  return found ?? text.slice(node.start, node.end);
}

/**
 * A dynamic operand beside a typed one (`d.count + 1`, `d.time > ago(1h)`) is read as that type.
 * Null stays null; a value of another JSON kind is reported, since how Kusto converts it is not
 * documented.
 */
function alignDynamic(node: SyntaxNode, left: Compiled, right: Compiled, result?: ScalarType): [Compiled, Compiled] {
  if ((left.type === 'dynamic') === (right.type === 'dynamic')) return [left, right];
  const other = left.type === 'dynamic' ? right.type : left.type;
  const target = NUMBER.has(other) && result && NUMBER.has(result) ? (other === 'real' || result === 'real' ? 'real' : other) : other;
  return left.type === 'dynamic' ? [fromDynamic(node, left, target), right] : [left, fromDynamic(node, right, target)];
}

function fromDynamic(node: SyntaxNode, compiled: Compiled, type: ScalarType): Compiled {
  const convert = dynamicReader(type);
  const read = (v: Value): Value => {
    if (v === null) return type === 'string' ? '' : null;
    const converted = convert(v);
    if (converted === undefined) throw unsupported(node, `a dynamic ${JSON.stringify(v).slice(0, 30)} used as ${type}`);
    return converted;
  };
  if (compiled.constant) return constantCompiled(read(compiled.constant.value), type);
  return {
    type,
    bind: (frame) => {
      const v = compiled.bind(frame);
      return (row) => read(v(row));
    },
  };
}

/** The value of a non-null dynamic as `type`, or undefined when its JSON kind does not fit. */
function dynamicReader(type: ScalarType): (v: Value) => Value | undefined {
  switch (type) {
    case 'int':
    case 'long':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
    case 'real':
    case 'decimal':
      return (v) => (typeof v === 'number' ? v : undefined);
    case 'bool':
      return (v) => (typeof v === 'boolean' ? v : undefined);
    case 'string':
      return (v) => (typeof v === 'string' ? v : undefined);
    case 'datetime':
      return (v) => (typeof v === 'string' ? (parseDateTime(v) ?? undefined) : undefined);
    case 'timespan':
      return (v) => (typeof v === 'string' ? (parseTimespan(v) ?? undefined) : undefined);
    case 'guid':
      return (v) => (typeof v === 'string' ? (parseGuid(v) ?? undefined) : undefined);
    default:
      return (v) => v;
  }
}

function commonType(a: ScalarType, b: ScalarType): ScalarType {
  if (a === b) return a;
  const numeric = new Set<ScalarType>(['int', 'long', 'real', 'decimal']);
  if (numeric.has(a) && numeric.has(b)) return 'real';
  if (a === 'dynamic') return b;
  return a;
}

function equalityFor(type: ScalarType): (a: Value, b: Value) => boolean {
  if (type === 'dynamic') return (a, b) => valueKey(a, 'dynamic') === valueKey(b, 'dynamic');
  if (type === 'guid') return (a, b) => equalsIgnoreCase(a as string, b as string);
  return (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' && a === b);
}

function comparisonTest(kind: string): (c: number) => boolean {
  switch (kind) {
    case 'LessThanExpression':
      return (c) => c < 0;
    case 'LessThanOrEqualExpression':
      return (c) => c <= 0;
    case 'GreaterThanExpression':
      return (c) => c > 0;
    default:
      return (c) => c >= 0;
  }
}

const INTEGER = new Set<ScalarType>(['int', 'long']);
const NUMBER = new Set<ScalarType>(['int', 'long', 'real', 'decimal']);

/** The operation for `left <op> right` with these static types, or undefined when not handled. */
function arithmetic(kind: string, left: ScalarType, right: ScalarType, result: ScalarType): ((a: Value, b: Value) => Value) | undefined {
  const ticks = (t: ScalarType) => t === 'datetime' || t === 'timespan';
  if (NUMBER.has(left) && NUMBER.has(right)) {
    const integer = INTEGER.has(result);
    switch (kind) {
      case 'AddExpression':
        return (a, b) => (a as number) + (b as number);
      case 'SubtractExpression':
        return (a, b) => (a as number) - (b as number);
      case 'MultiplyExpression':
        return (a, b) => (a as number) * (b as number);
      case 'DivideExpression':
        // Integer division truncates toward zero; dividing an integer by zero gives null.
        return integer ? (a, b) => ((b as number) === 0 ? null : Math.trunc((a as number) / (b as number))) : (a, b) => (a as number) / (b as number);
      case 'ModuloExpression':
        // Kusto's remainder is never negative: -14 % 12 is 10 (numerical-operators doc).
        return integer ? (a, b) => ((b as number) === 0 ? null : nonNegativeRemainder(a as number, b as number)) : (a, b) => nonNegativeRemainder(a as number, b as number);
    }
    return undefined;
  }
  if (ticks(left) && ticks(right)) {
    switch (kind) {
      case 'AddExpression':
        if (left === 'datetime' && right === 'datetime') return undefined;
        return (a, b) => (a as bigint) + (b as bigint);
      case 'SubtractExpression':
        if (left === 'timespan' && right === 'datetime') return undefined;
        return (a, b) => (a as bigint) - (b as bigint);
      case 'DivideExpression':
        if (left === 'timespan' && right === 'timespan') return (a, b) => ((b as bigint) === 0n ? null : Number(a as bigint) / Number(b as bigint));
        return undefined;
      case 'ModuloExpression':
        if (left === 'timespan' && right === 'timespan') return (a, b) => ((b as bigint) === 0n ? null : (a as bigint) % (b as bigint));
        return undefined;
    }
    return undefined;
  }
  if (left === 'timespan' && NUMBER.has(right)) {
    if (kind === 'MultiplyExpression') return (a, b) => scaleTicks(a as bigint, b as number);
    if (kind === 'DivideExpression') return (a, b) => ((b as number) === 0 ? null : scaleTicks(a as bigint, 1 / (b as number)));
    return undefined;
  }
  if (NUMBER.has(left) && right === 'timespan' && kind === 'MultiplyExpression') return (a, b) => scaleTicks(b as bigint, a as number);
  return undefined;
}

function nonNegativeRemainder(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + Math.abs(b) : r;
}

function scaleTicks(ticks: bigint, factor: number): bigint | null {
  if (Number.isInteger(factor)) return ticks * BigInt(factor);
  const scaled = Math.round(Number(ticks) * factor);
  return Number.isFinite(scaled) ? BigInt(scaled) : null;
}

function flattenInto(value: Dynamic, out: Value[]): void {
  if (Array.isArray(value)) for (const item of value) flattenInto(item, out);
  else out.push(value);
}

/** A value from a dynamic list, converted to the left operand's type for `in`; undefined if it cannot match. */
function coerceForIn(value: Value, type: ScalarType): Value | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' && value !== null ? undefined : String(value);
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return typeof value === 'number' ? value : undefined;
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'datetime':
    case 'timespan':
      return typeof value === 'bigint' ? value : undefined;
    default:
      return value;
  }
}

function dynamicScalarType(v: Value): ScalarType {
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'dynamic';
}

/** `d.key`, `d["key"]`, `d[index]` (negative counts from the end): null when absent. */
function dynamicMember(target: Dynamic, key: Value): Dynamic {
  if (target === null || key === null || typeof target !== 'object') return null;
  if (Array.isArray(target)) {
    if (typeof key !== 'number' || !Number.isInteger(key)) return null;
    const index = key < 0 ? target.length + key : key;
    return index >= 0 && index < target.length ? target[index] : null;
  }
  if (typeof key !== 'string') return null;
  return Object.prototype.hasOwnProperty.call(target, key) ? target[key] : null;
}
