import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../../server/src/kusto/analyze';
import type { Environment } from '../../../server/src/kusto/globals';

const environment: Environment = {
  tables: [{ name: 'T', columns: [{ name: 'FileName', type: 'string' }, { name: 'Timestamp', type: 'datetime' }] }],
  openTables: ['Custom_CL'],
  functions: [],
};

test('a misspelt column gives one error, exactly on the name', () => {
  const text = 'T | where FileNme has "x"';
  const { diagnostics } = analyzeDocument(text, environment);
  assert.equal(diagnostics.length, 1);
  assert.equal(text.slice(diagnostics[0].start, diagnostics[0].end), 'FileNme');
  assert.equal(diagnostics[0].severity, 'error');
});

test('blocks separated by blank lines are analysed on their own', () => {
  const text = 'T | where\n\nT | take 1\n';
  const analysis = analyzeDocument(text, environment);
  assert.equal(analysis.blocks.length, 2);
  assert.equal(analysis.blocks[1].diagnostics.length, 0);
  assert.ok(analysis.blocks[0].diagnostics.length > 0);
  assert.ok(analysis.diagnostics.every((d) => d.end <= analysis.blocks[0].end));
});

test('open tables accept any column', () => {
  assert.deepEqual(analyzeDocument('Custom_CL | where Anything == 1', environment).diagnostics, []);
});

test('the syntax tree carries resolved types and symbols in document offsets', () => {
  const text = 'T | take 1\n\nlet x = 1;\nT | extend y = x + 1';
  const block = analyzeDocument(text, environment).blocks[1];
  const names: string[] = [];
  const visit = (n: typeof block.syntax) => {
    if (n.kind === 'NameReference' && n.symbol?.kind === 'Variable') names.push(`${text.slice(n.start, n.end)}:${n.symbol.declaration?.start}`);
    n.children.forEach(visit);
  };
  visit(block.syntax);
  assert.deepEqual(names, [`x:${text.indexOf('x =')}`]);
});
