// Calls into the functions library: bound once per call site, folded when every argument is constant.

import type { SyntaxNode } from '../../kusto/syntax';
import { bindScalarFunction, NOT_CONSTANT, NotSupportedLocally, type CallInfo } from '../functions/registry';
import { runtimeError, unsupported } from '../runtime';
import type { Value } from '../values';
import { constantCompiled, type Compiled, type ExpressionCompiler, type Scope } from './compiled';
import { isTabular, scalarTypeOf } from './nodes';

export function compileLibraryCall(c: ExpressionCompiler, node: SyntaxNode, name: string, argNodes: SyntaxNode[], scope: Scope): Compiled {
  const args = argNodes.map((a) => {
    if (isTabular(a)) throw unsupported(a, `a tabular argument to ${name}()`);
    return c.compile(a, scope);
  });
  const type = scalarTypeOf(node.type);
  const info: CallInfo = {
    name,
    argTypes: args.map((a) => a.type),
    resultType: type,
    constants: args.map((a) => (a.constant ? a.constant.value : NOT_CONSTANT)),
    now: c.state.now,
  };
  const binding = bindScalarFunction(info);
  if (binding === undefined) throw unsupported(node, `${name}()`);
  if (typeof binding !== 'function') throw unsupported(node, binding.unsupported);
  const evaluate = binding;
  // A string is never null in Kusto: a function that has no string to return gives "".
  const emptyString = type === 'string';
  const call = (values: Value[]): Value => {
    try {
      const value = evaluate(values);
      return value === null && emptyString ? '' : value;
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
