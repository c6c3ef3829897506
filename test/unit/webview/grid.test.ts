// Sorting, filtering and searching rows, and their CSV/JSON export.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv, toJson } from '../../../client/webview/exportRows';
import { compareCells, emptyView, visibleRows, type GridData } from '../../../client/webview/grid';

const DATA: GridData = {
  columns: ['Name', 'Count', 'Flag'],
  rows: [
    ['beta', 10, true],
    ['Alpha', 2, false],
    ['gamma', null, true],
    ['alpha', 2, null],
  ],
};

function check(view: Partial<ReturnType<typeof emptyView>>, expected: number[]) {
  assert.deepEqual(visibleRows(DATA, { ...emptyView(), ...view }), expected);
}

test('sorting is stable; numbers by value, nulls first', () => {
  check({}, [0, 1, 2, 3]);
  check({ sortColumn: 1 }, [2, 1, 3, 0]);
  check({ sortColumn: 1, descending: true }, [0, 1, 3, 2]);
  check({ sortColumn: 0 }, [1, 3, 0, 2]);
  assert.ok(compareCells(null, false) < 0 && compareCells(false, 0) < 0 && compareCells(9, 'a') < 0);
});

test('search matches any cell, filters match their column, both ignore case', () => {
  check({ search: 'ALPHA' }, [1, 3]);
  check({ filters: new Map([[2, 'true']]) }, [0, 2]);
  check({ search: 'a', filters: new Map([[1, '2']]) }, [1, 3]);
  check({ filters: new Map([[0, '  ']]) }, [0, 1, 2, 3]);
});

test('CSV quotes what it must and defuses spreadsheet formulas in text', () => {
  const data: GridData = { columns: ['a', 'b'], rows: [['=HYPERLINK("x")', -5], ['say "hi", then\nleave', null], ['+1', true]] };
  assert.equal(toCsv(data, [0, 1, 2]), 'a,b\r\n"\'=HYPERLINK(""x"")",-5\r\n"say ""hi"", then\nleave",\r\n\'+1,true\r\n');
});

test('JSON keeps cell types and the shown order', () => {
  assert.deepEqual(JSON.parse(toJson(DATA, [3, 0])), [
    { Name: 'alpha', Count: 2, Flag: null },
    { Name: 'beta', Count: 10, Flag: true },
  ]);
});
