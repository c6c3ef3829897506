import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ColumnSchema } from '../../../server/src/engine/table';
import { parseDateTime, parseTimespan, type Value } from '../../../server/src/engine/values';
import { cellMatches, compareTables } from '../../conformance/compare';
import { decide } from '../../conformance/conformance';
import type { ConformanceCase } from '../../conformance/cases';

describe('conformance cell comparison', () => {
  const check = (cell: string, value: Value, type: ColumnSchema['type'], expected: boolean) => assert.equal(cellMatches(cell, value, type), expected, `${type} ${JSON.stringify(cell)}`);

  it('compares numbers with a tolerance, grouping, specials, and the rounding a doc printed', () => {
    check('0.54030230586813977', 0.5403023058681398, 'real', true);
    check('7.389056', 7.38905609893065, 'real', true);
    check('1.5', 1.54, 'real', false);
    check('2', 2.4, 'real', false);
    check('1,750', 1750, 'long', true);
    check('NaN', NaN, 'real', true);
    check('-∞', -Infinity, 'real', true);
    check('abc', NaN, 'real', false);
    check('', null, 'long', true);
    check('(null)', null, 'long', true);
    check('0', null, 'long', false);
  });

  it('compares datetimes, timespans, bools, guids and strings as values', () => {
    check('2016-02-17 08:40:00.0000000', parseDateTime('2016-02-17T08:40:00Z'), 'datetime', true);
    check('2016-02-17T08:40:00Z', parseDateTime('2016-02-17T08:40:00Z'), 'datetime', true);
    check('1.12:30:55.1230000', parseTimespan('1.12:30:55.123'), 'timespan', true);
    check('TRUE', true, 'bool', true);
    check('0', false, 'bool', true);
    check('01234567-89AB-cdef-0123-456789abcdef', '01234567-89ab-cdef-0123-456789abcdef', 'guid', true);
    check('', '', 'string', true);
    check('""', '', 'string', true);
    check('abc', 'abd', 'string', false);
  });

  it('compares dynamic values as JSON, and non-JSON doc text loosely', () => {
    check('{\n  "a": [1, 2.0]\n}', { a: [1, 2] }, 'dynamic', true);
    check('{"a": 1}', { a: 1, b: 2 }, 'dynamic', false);
    check("['a','b']", ['a', 'b'], 'dynamic', true);
    check('[yes, no]', ['yes', 'no'], 'dynamic', true);
    check('hello', 'hello', 'dynamic', true);
    check('', null, 'dynamic', true);
  });
});

describe('conformance table comparison', () => {
  const columns: ColumnSchema[] = [
    { name: 'k', type: 'string' },
    { name: 'n', type: 'long' },
  ];

  it('compares sorted tables in order and others as multisets', () => {
    const expected = { columns: ['k', 'n'], rows: [['a', '1'], ['b', '2']] };
    const swapped = { columns, rows: [['b', 2], ['a', 1]] };
    assert.equal(compareTables(expected, swapped, { order: 'unordered' }), undefined);
    assert.equal(compareTables(expected, swapped, { order: 'sorted' }), 'row 1, k: expected "a", got "b"');
  });

  it('says where tables differ: columns, row counts, missing rows', () => {
    const expected = { columns: ['k', 'n'], rows: [['a', '1'], ['a', '1']] };
    assert.equal(compareTables(expected, { columns: [columns[0]], rows: [] }, { order: 'sorted' }), 'columns: expected [k, n], got [k]');
    assert.equal(compareTables(expected, { columns, rows: [['a', 1]] }, { order: 'unordered' }), 'row count: expected 2, got 1; first row ["a", 1]');
    assert.equal(compareTables(expected, { columns, rows: [['a', 1], ['a', 2]] }, { order: 'unordered' }), 'expected row 2 ["a", "1"] not found; nearest ["a", 2]');
  });

  it('accepts extra rows when the doc elided some', () => {
    const expected = { columns: ['k', 'n'], rows: [['b', '2']] };
    assert.equal(compareTables(expected, { columns, rows: [['a', 1], ['b', 2]] }, { order: 'sorted', subset: true }), undefined);
  });
});

describe('conformance outcomes', () => {
  const testCase: ConformanceCase = {
    id: 't#1', source: 'cases', query: 'print x = rand()', expected: { columns: ['x'], rows: [['0.5']] }, order: 'input-order', truncated: false,
    features: ['fn:rand'], notes: [], parseIssues: [], docPath: 't.md', docLine: 1, documents: 'function:rand',
  };
  const reply = (rows: Value[][], diagnostics = [] as never[]) => ({ index: 0, result: { results: [{ columns: [{ name: 'x', type: 'real' as const }], rows }], diagnostics } });

  it('passes, or is wrong with the diff', () => {
    assert.deepEqual(decide(testCase, reply([[0.5]])), { outcome: 'pass' });
    assert.deepEqual(decide(testCase, reply([[0.25]])), { outcome: 'wrong', reason: 'expected row 1 ["0.5"] not found; nearest [0.25]' });
  });

  it('never counts an unreproducible output as wrong', () => {
    const flagged = { ...testCase, notes: ['nondeterministic/approximate elements: fn:rand'] };
    assert.equal(decide(flagged, reply([[0.25]])).outcome, 'nondeterministic');
    assert.equal(decide(testCase, reply([[0.25]]), undefined, 'verified by hand').outcome, 'nondeterministic');
  });

  it('takes the engine at its word when it cannot evaluate something; other errors are wrong', () => {
    const unsupported = { index: 0, result: { results: [], diagnostics: [{ start: 0, end: 1, severity: 'error' as const, message: 'not supported locally: rand()', code: 'not-supported-locally' as const }] } };
    assert.deepEqual(decide(testCase, unsupported), { outcome: 'unsupported', reason: 'not supported locally: rand()' });
    const failed = { index: 0, result: { results: [], diagnostics: [{ start: 0, end: 1, severity: 'error' as const, message: 'boom', code: 'runtime-error' as const }] } };
    assert.deepEqual(decide(testCase, failed), { outcome: 'wrong', reason: 'engine runtime-error: boom' });
    const rejected = { index: 0, result: { results: [], diagnostics: [{ start: 0, end: 1, severity: 'error' as const, message: 'The plug-in function \'x\' is not defined.', code: 'query-error' as const }] } };
    assert.deepEqual(decide(testCase, rejected), { outcome: 'unsupported', reason: "Kusto.Language rejects the query: The plug-in function 'x' is not defined." });
    assert.equal(decide(testCase, 'timeout').outcome, 'wrong');
    assert.deepEqual(decide(testCase, reply([[0.25]]), 'the doc is wrong'), { outcome: 'doc-error', reason: 'the doc is wrong' });
  });
});
