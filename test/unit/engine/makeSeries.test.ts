// make-series: each aggregate as an array over the axis bins, per group, with the doc's examples.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { check, run } from './helpers';

function docCase(id: string): string {
  const line = readFileSync('data/kql-docs-cases/cases.jsonl', 'utf8').split('\n').find((l) => l.includes(`"id":"${id}"`));
  return (JSON.parse(line!) as { query: string }).query;
}

const days = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `2017-01-${String(from + i).padStart(2, '0')}T00:00:00.0000000Z`);

const events = `datatable(t:datetime, user:string, n:long) [
  datetime(2017-01-01T01:00), 'a', 1,
  datetime(2017-01-01T05:00), 'a', 2,
  datetime(2017-01-03T00:00), 'a', 4,
  datetime(2017-01-02T10:00), 'b', 8,
  datetime(2016-12-31T23:00), 'b', 16,
]`;

describe('make-series', () => {
  test('the doc example: avg per day from stime to etime (end exclusive), 0 where a day has no rows', () =>
    check(docCase('make-series-operator#2'), [[[4, 3, 5, 0, 10.5, 4, 3, 8, 6.5], days(1, 9)]], { columns: ['avg_metric', 'timestamp'] }));

  test('the doc example: empty input gives no rows', () => check(docCase('make-series-operator#3'), [[0]]));

  test('the doc example: kind=nonempty on empty input gives one row of the defaults', () =>
    check(docCase('make-series-operator#3').replace('make-series avg', 'make-series kind=nonempty avg').replace(/\n\| count\s*$/, ''), [[Array(9).fill(1), days(1, 9)]]));

  test('one row per by value, the rows outside the range ignored, each aggregate with its own default', () =>
    check(`${events} | make-series total = sum(n) default = -1, count() on t from datetime(2017-01-01) to datetime(2017-01-04) step 1d by user`, [
      ['a', [3, -1, 4], [2, 0, 1], days(1, 3)],
      ['b', [-1, 8, -1], [0, 1, 0], days(1, 3)],
    ], { columns: ['user', 'total', 'count_', 't'] }));

  test('in range(start, stop, step): stop is inclusive', () =>
    check(`${events} | make-series count() on t in range(datetime(2017-01-01), datetime(2017-01-03), 1d)`, [[[2, 1, 1], days(1, 3)]]));

  test('what the doc leaves open is reported: no from/to, a row past an end off the step grid', () => {
    const noRange = run(`${events} | make-series count() on t step 1d`);
    assert.match(noRange.diagnostics[0]?.message ?? '', /^not supported locally: make-series without from and to/);
    const offGrid = run(`${events} | make-series count() on t from datetime(2017-01-01) to datetime(2017-01-02T09:00) step 1d`);
    assert.match(offGrid.diagnostics[0]?.message ?? '', /^not supported locally: make-series of a datetime inside a bin but outside the range/);
  });

  test('a series element that is not an aggregate call is reported', () => {
    const result = run(docCase('make-series-operator#5'));
    assert.match(result.diagnostics[0]?.message ?? '', /^not supported locally: a make-series expression that is not an aggregate call/);
  });
});
