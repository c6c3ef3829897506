// Compiles a scalar expression of the analysed tree, once, into a closure over column arrays
// (see scalar/compiled.ts). This module only dispatches: each kind of expression is compiled by
// its own module under scalar/.

import { child, listElements, type SyntaxNode } from '../kusto/syntax';
import { currentCall } from './functions/deprecatedAliases';
import { literalValue } from './literals';
import { Rel, unsupported, type RunState } from './runtime';
import type { Value } from './values';
import { ARITHMETIC_KINDS, compileArithmetic, compileNegate } from './scalar/arithmetic';
import { constantCompiled, type Compiled, type ExpressionCompiler, type Scope, type TabularCompiler } from './scalar/compiled';
import { compileBetween, compileComparison, compileEquality, compileLogical, COMPARISON_KINDS } from './scalar/comparison';
import { compileDynamicAccess } from './scalar/dynamicAccess';
import { compileLibraryCall } from './scalar/libraryCalls';
import { compileIn, MEMBERSHIP_KINDS } from './scalar/membership';
import { describe, nameText, normalizeTypeName, scalarTypeOf } from './scalar/nodes';
import { compileToScalar, SPECIAL_FORMS } from './scalar/specialForms';
import { compileHasAnyAll, compileMatchesRegex, compileStringOperator, STRING_OPERATORS } from './scalar/stringOperators';
import { compileUserCall } from './scalar/userFunctions';

const EMPTY_FRAME_REL = new Rel([], [], 1);

export class ScalarCompiler implements ExpressionCompiler {
  constructor(
    readonly text: string,
    readonly state: RunState,
    readonly tabular: TabularCompiler,
  ) {}

  source(node: SyntaxNode): string {
    return this.text.slice(node.start, node.end);
  }

  evaluateConstant(compiled: Compiled): Value {
    if (compiled.constant) return compiled.constant.value;
    return compiled.bind({ rel: EMPTY_FRAME_REL, branch: 0 })(0);
  }

  requireConstant(node: SyntaxNode, scope: Scope, what: string): Compiled {
    const compiled = this.compile(node, scope);
    if (!compiled.constant) throw unsupported(node, `a per-row ${what}`);
    return compiled;
  }

  need(node: SyntaxNode, field: string): SyntaxNode {
    const found = child(node, field);
    if (!found) throw unsupported(node, `incomplete ${node.kind}`);
    return found;
  }

  /** Sub-expressions that stand for values computed elsewhere (a summarize's aggregates). */
  private substitutions: ReadonlyMap<SyntaxNode, Compiled> | undefined;

  compileSubstituting(node: SyntaxNode, scope: Scope, substitutions: ReadonlyMap<SyntaxNode, Compiled>): Compiled {
    const outer = this.substitutions;
    this.substitutions = substitutions;
    try {
      return this.compile(node, scope);
    } finally {
      this.substitutions = outer;
    }
  }

  compile(node: SyntaxNode, scope: Scope, traceBranch = false): Compiled {
    const substituted = this.substitutions?.get(node);
    if (substituted) return substituted;
    const kind = node.kind;
    if (kind === 'TypeOfLiteralExpression') {
      // typeof(T) as an argument (extract(…, typeof(long))): functions read T from the result type.
      return constantCompiled(normalizeTypeName(listElements(child(node, 'Types'))[0]?.symbol?.name ?? 'dynamic'), 'string');
    }
    if (kind.endsWith('LiteralExpression') || kind === 'DynamicExpression') {
      const literal = literalValue(node, this.text);
      if (literal === undefined) throw unsupported(node, `literal ${this.source(node)}`);
      return constantCompiled(literal, scalarTypeOf(node.type));
    }
    switch (kind) {
      case 'ParenthesizedExpression':
        return this.compile(this.need(node, 'Expression'), scope, traceBranch);
      case 'NameReference':
        return this.compileName(node, scope);
      case 'AndExpression':
      case 'OrExpression':
        return compileLogical(this, node, scope);
      case 'EqualExpression':
      case 'NotEqualExpression':
        return compileEquality(this, node, scope);
      case 'UnaryMinusExpression':
        return compileNegate(this, node, scope);
      case 'UnaryPlusExpression':
        return this.compile(this.need(node, 'Expression'), scope);
      case 'HasAnyExpression':
      case 'HasAllExpression':
        return compileHasAnyAll(this, node, scope);
      case 'BetweenExpression':
      case 'NotBetweenExpression':
        return compileBetween(this, node, scope);
      case 'MatchesRegexExpression':
        return compileMatchesRegex(this, node, scope);
      case 'PathExpression':
      case 'ElementExpression':
        return compileDynamicAccess(this, node, scope);
      case 'FunctionCallExpression':
        return this.compileFunctionCall(node, scope, traceBranch);
      case 'ToScalarExpression':
        return compileToScalar(this, node, scope);
      case 'BracketedExpression':
        return this.compile(this.need(node, 'Expression'), scope);
    }
    if (MEMBERSHIP_KINDS.has(kind)) return compileIn(this, node, scope);
    if (kind in STRING_OPERATORS) return compileStringOperator(this, node, scope);
    if (COMPARISON_KINDS.has(kind)) return compileComparison(this, node, scope);
    if (ARITHMETIC_KINDS.has(kind)) return compileArithmetic(this, node, scope);
    throw unsupported(node, describe(node, this.source(node)));
  }

  /** A name: a let or parameter in scope, a column of the input, or a call without parentheses. */
  private compileName(node: SyntaxNode, scope: Scope): Compiled {
    const symbol = node.symbol;
    const type = scalarTypeOf(node.type);
    if (symbol) {
      const bound = scope.get(symbol);
      if (bound?.kind === 'scalar') return bound.compiled;
      if (bound) throw unsupported(node, `${symbol.name} used as a scalar`);
      if (symbol.kind === 'Column') return columnReference(symbol.name, type);
      if (symbol.kind === 'Function') return compileLibraryCall(this, node, symbol.name, [], scope);
    }
    throw unsupported(node, `the name ${this.source(node)}`);
  }

  /** A call: a `let` function in scope, a special form, or a function of the library. */
  private compileFunctionCall(node: SyntaxNode, scope: Scope, traceBranch: boolean): Compiled {
    const nameNode = this.need(node, 'Name');
    const written = listElements(child(this.need(node, 'ArgumentList'), 'Expressions'));
    const symbol = node.symbol ?? nameNode.symbol;
    const bound = symbol ? scope.get(symbol) : undefined;
    if (bound?.kind === 'function') return compileUserCall(this, node, bound, written, scope);
    if (bound) throw unsupported(node, `calling ${symbol?.name}`);
    const { name, args } = currentCall(nameText(nameNode, this.text), written);
    const special = SPECIAL_FORMS.get(name);
    if (special) return special(this, node, args, scope, traceBranch);
    return compileLibraryCall(this, node, name, args, scope);
  }
}

function columnReference(name: string, type: Compiled['type']): Compiled {
  return {
    type,
    bind: (frame) => {
      const values = frame.rel.columnNamed(name, type);
      return (row) => values[row];
    },
  };
}
