// `d.key`, `d["key"]` and `d[index]` on dynamic values.

import type { SyntaxNode } from '../../kusto/syntax';
import { unsupported } from '../runtime';
import type { Dynamic, Value } from '../values';
import { constantCompiled, type Compiled, type ExpressionCompiler, type Scope } from './compiled';
import { describe, nameText } from './nodes';

export function compileDynamicAccess(c: ExpressionCompiler, node: SyntaxNode, scope: Scope): Compiled {
  const target = c.compile(c.need(node, 'Expression'), scope);
  const selector = c.need(node, 'Selector');
  let key: Compiled;
  if (node.kind === 'PathExpression') {
    if (selector.kind !== 'NameReference' && selector.kind !== 'BracketedExpression') throw unsupported(node, describe(node, c.source(node)));
    key = selector.kind === 'NameReference' ? constantCompiled(nameText(selector, c.text), 'string') : c.compile(c.need(selector, 'Expression'), scope);
  } else {
    key = c.compile(selector.kind === 'BracketedExpression' ? c.need(selector, 'Expression') : selector, scope);
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
