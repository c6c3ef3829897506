// Calls of `let` functions: parameters bound to the caller's arguments (by name or position, with
// defaults), the body compiled in the function's own closure.

import { child, listElements, type FunctionExpansion, type SyntaxNode } from '../../kusto/syntax';
import { unsupported } from '../runtime';
import type { Binding, Compiled, ExpressionCompiler, FunctionBinding, Scope } from './compiled';
import { isTabular, nameText } from './nodes';

/** A `let` function used as a scalar: its body compiled with each parameter bound to the caller's argument. */
export function compileUserCall(c: ExpressionCompiler, node: SyntaxNode, fn: FunctionBinding, args: SyntaxNode[], scope: Scope): Compiled {
  const body = bindParameters(c, node, fn, args, scope);
  const expression = c.need(c.need(fn.declaration, 'Body'), 'Expression');
  if (isTabular(expression)) throw unsupported(node, 'a tabular function used as a scalar');
  return c.compile(expression, body);
}

/**
 * The scope a user function's body runs in: its closure, its parameters, its own lets. `leading`
 * binds the first parameters to given values (the piped table of `invoke`). `expansion` is the
 * body Kusto analysed for this call, whose own symbols stand for the parameters.
 */
export function bindParameters(
  c: ExpressionCompiler,
  node: SyntaxNode,
  fn: FunctionBinding,
  args: SyntaxNode[],
  callerScope: Scope,
  leading: Binding[] = [],
  expansion?: FunctionExpansion,
): Scope {
  const inner: Scope = new Map(fn.scope);
  const parameters = listElements(child(c.need(fn.declaration, 'Parameters'), 'Parameters'));
  // Named arguments (`f(c=7, a=12)`) bind by name; the others by position.
  const named = new Map<string, SyntaxNode>();
  const positional: SyntaxNode[] = [];
  for (const arg of args) {
    if (arg.kind === 'SimpleNamedExpression') named.set(nameText(c.need(arg, 'Name'), c.text), c.need(arg, 'Expression'));
    else positional.push(arg);
  }
  parameters.forEach((parameter, i) => {
    const declaration = parameter.children.find((n) => n.kind === 'NameAndTypeDeclaration') ?? parameter;
    const nameNode = declaration.kind === 'NameDeclaration' ? declaration : child(declaration, 'Name');
    const declared = nameNode?.symbol;
    if (!declared) throw unsupported(parameter, 'this function parameter');
    // A parameter the expansion never reads needs no binding.
    const symbol = expansion ? expansion.arguments.get(declared.name) : declared;
    if (!symbol) return;
    if (i < leading.length) {
      inner.set(symbol, leading[i]);
      return;
    }
    const at = i - leading.length;
    const arg = named.get(symbol.name) ?? (at < positional.length ? positional[at] : undefined);
    if (!arg) {
      const defaultValue = child(parameter, 'DefaultValue');
      const value = defaultValue ? child(defaultValue, 'Value') : undefined;
      if (!value) throw unsupported(node, `a call without argument ${symbol.name}`);
      inner.set(symbol, { kind: 'scalar', compiled: c.compile(value, inner) });
    } else if (isTabular(arg)) {
      inner.set(symbol, { kind: 'table', produce: c.tabular.compileTabular(arg, callerScope) });
    } else {
      inner.set(symbol, { kind: 'scalar', compiled: c.compile(arg, callerScope) });
    }
  });
  return inner;
}
