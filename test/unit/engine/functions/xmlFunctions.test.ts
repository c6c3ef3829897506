// parse_xml against every row of the conversion table on parse-xml-function.md and its example.

import { describe, test } from 'node:test';
import { check, checkFails } from '../helpers';

function xml(text: string): string {
  return `print x = parse_xml(${JSON.stringify(text)})`;
}

describe('parse_xml', () => {
  test('<e/> → {"e": null}', () => check(xml('<e/>'), [[{ e: null }]]));
  test('<e>text</e> → {"e": "text"}', () => check(xml('<e>text</e>'), [[{ e: 'text' }]]));
  test('an attribute → "@name"', () => check(xml('<e name="value" />'), [[{ e: { '@name': 'value' } }]]));
  test('an attribute and text → "@name" and "#text"', () => check(xml('<e name="value">text</e>'), [[{ e: { '@name': 'value', '#text': 'text' } }]]));
  test('child elements → properties', () => check(xml('<e> <a>text</a> <b>text</b> </e>'), [[{ e: { a: 'text', b: 'text' } }]]));
  test('repeated children → an array', () => check(xml('<e> <a>text</a> <a>text</a> </e>'), [[{ e: { a: ['text', 'text'] } }]]));
  test('text beside a child → "#text"', () => check(xml('<e> text <a>text</a> </e>'), [[{ e: { '#text': 'text', a: 'text' } }]]));
  test('the doc example: the declaration is skipped and numeric text is a number', () =>
    check(
      'print d = parse_xml(\'<?xml version="1.0" encoding="UTF-8"?><duration><value>118.0</value><count>5.0</count><min>100.0</min></duration>\') | project v = d.duration.value, m = d.duration.min',
      [[118, 100]],
    ));
  test('invalid XML → null', () => check(xml('<a><b></a>'), [[null]]));
  test('comments are skipped', () => check(xml('<e><!-- note --><a>x</a></e>'), [[{ e: { a: 'x' } }]]));
  test('number-like text the docs do not cover is reported', () => checkFails(xml('<e>007</e>'), 'not-supported-locally', 'number-like text'));
  test('CDATA is reported', () => checkFails(xml('<e><![CDATA[x]]></e>'), 'not-supported-locally', 'CDATA'));
});
