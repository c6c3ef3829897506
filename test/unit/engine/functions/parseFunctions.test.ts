// Expected values from Microsoft's KQL reference examples (CC BY 4.0); case ids name the example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { urlPathText } from '../../../../server/src/engine/functions/parseFunctions';
import { check, UNSUPPORTED } from './harness';

const path = (Scheme: string, RootPath: string, DirectoryPath: string, DirectoryName: string, Filename: string, Extension: string, AlternateDataStreamName = '') => ({
  Scheme,
  RootPath,
  DirectoryPath,
  DirectoryName,
  Filename,
  Extension,
  AlternateDataStreamName,
});

test('parse_path (parse-path-function#1)', () => {
  check([
    ['parse_path', ['C:\\temp\\file.txt'], path('', 'C:', 'C:\\temp', 'temp', 'file.txt', 'txt'), 'dynamic'],
    ['parse_path', ['temp\\file.txt'], path('', '', 'temp', 'temp', 'file.txt', 'txt'), 'dynamic'],
    ['parse_path', ['file://C:/temp/file.txt:some.exe'], path('file', 'C:', 'C:/temp', 'temp', 'file.txt', 'txt', 'some.exe'), 'dynamic'],
    ['parse_path', ['\\\\shared\\users\\temp\\file.txt.gz'], path('', '', '\\\\shared\\users\\temp', 'temp', 'file.txt.gz', 'gz'), 'dynamic'],
    ['parse_path', ['/usr/lib/temp/file.txt'], path('', '', '/usr/lib/temp', 'temp', 'file.txt', 'txt'), 'dynamic'],
    ['parse_path', ['C:\\Users\\bob\\AppData\\Local\\Temp\\AnyDesk.exe'], path('', 'C:', 'C:\\Users\\bob\\AppData\\Local\\Temp', 'Temp', 'AnyDesk.exe', 'exe'), 'dynamic'],
    ['parse_path', ['notes'], path('', '', '', '', 'notes', ''), 'dynamic'],
  ]);
});

test('parse_url and parse_urlquery (parse-url-function#1, parse-url-query-function#1)', () => {
  check([
    [
      'parse_url',
      ['scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment'],
      { Scheme: 'scheme', Host: 'host', Port: '1234', Path: 'this/is/a/path', Username: 'username', Password: 'password', 'Query Parameters': { k1: 'v1', k2: 'v2' }, Fragment: 'fragment' },
      'dynamic',
    ],
    [
      'parse_url',
      ['https://example.com'],
      { Scheme: 'https', Host: 'example.com', Port: '', Path: '', Username: '', Password: '', 'Query Parameters': {}, Fragment: '' },
      'dynamic',
    ],
    ['parse_url', ['not a url'], UNSUPPORTED, 'dynamic'],
    ['parse_urlquery', ['k1=v1&k2=v2&k3=v3'], { 'Query Parameters': { k1: 'v1', k2: 'v2', k3: 'v3' } }, 'dynamic'],
    ['parse_urlquery', ['view=vs-2019&preserve-view=true'], { 'Query Parameters': { view: 'vs-2019', 'preserve-view': 'true' } }, 'dynamic'],
    ['parse_urlquery', ['q=a+b%20c'], { 'Query Parameters': { q: 'a b c' } }, 'dynamic'],
  ]);
});

test('assumption: parse_url drops the leading slash of the path, as the doc example shows', () => {
  assert.equal(urlPathText('/this/is/a/path'), 'this/is/a/path');
});

test('parse_command_line splits like CommandLineToArgvW (parse-command-line-function#1)', () => {
  check([
    ['parse_command_line', ['echo "hello world!"', 'windows'], ['echo', 'hello world!'], 'dynamic'],
    ['parse_command_line', ['"C:\\Program Files\\AnyDesk\\AnyDesk.exe" --control', 'windows'], ['C:\\Program Files\\AnyDesk\\AnyDesk.exe', '--control'], 'dynamic'],
    ['parse_command_line', ['a.exe "a\\"b" c\\\\"d e" f\\g', 'windows'], ['a.exe', 'a"b', 'c\\d e', 'f\\g'], 'dynamic'],
    ['parse_command_line', ['a.exe "x""y"', 'windows'], ['a.exe', 'x"y'], 'dynamic'],
    ['parse_command_line', ['  ', 'windows'], [], 'dynamic'],
    ['parse_command_line', ['ls -l', 'posix'], UNSUPPORTED, 'dynamic'],
  ]);
});

test('nondeterministic functions are reported, not guessed', () => {
  check([
    ['new_guid', [], UNSUPPORTED, 'guid'],
    ['rand', [], UNSUPPORTED, 'real'],
  ]);
});

test('parse_csv reads the first record (parse-csv-function#2, #3)', () => {
  check([
    ['parse_csv', ['aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"'], ['aa', 'b,b,b', 'cc', 'Escaping quotes: "Title"', 'line1\nline2'], 'dynamic'],
    ['parse_csv', ['record1,a,b,c\nrecord2,x,y,z'], ['record1', 'a', 'b', 'c'], 'dynamic'],
    ['parse_csv', [''], [''], 'dynamic'],
  ]);
});
