// parse_xml: XML text → a dynamic value, following the conversion table on parse-xml-function.md.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Dynamic } from '../values';
import { NotSupportedLocally, type FunctionTable } from './call';

/** Longer input "results in a null object" (parse-xml doc). */
const MAX_XML_LENGTH = 1_048_576;

// Elements in document order with their attributes under ':@'; processing instructions and
// comments are dropped ("only element nodes, attributes and text nodes will be translated").
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

type OrderedNode = Record<string, unknown>;

/** A JSON number literal: the doc's example turns `<value>118.0</value>` into the number 118.0. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
/** Text a number parser might accept though JSON does not (`007`, `+5`, `.5`): the docs do not say. */
const OTHER_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function textValue(text: string, where: string): Dynamic {
  if (JSON_NUMBER.test(text)) {
    if (where !== 'element') throw new NotSupportedLocally(`parse_xml() of a numeric ${where} (the docs show only element text as numbers)`);
    return Number(text);
  }
  if (OTHER_NUMBER.test(text)) throw new NotSupportedLocally(`parse_xml() of the number-like text ${JSON.stringify(text.slice(0, 20))}`);
  return text;
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

/** One element per the doc's table: null, its text, or an object of `@attributes`, `#text` and children. */
function convertElement(node: OrderedNode, name: string): Dynamic {
  const attributes = (node[':@'] ?? {}) as Record<string, string>;
  const children = node[name] as OrderedNode[];
  const texts = children.filter((c) => '#text' in c).map((c) => String(c['#text']));
  const elements = children.filter((c) => !('#text' in c));
  const attributeNames = Object.keys(attributes);
  if (texts.length > 1) throw new NotSupportedLocally('parse_xml() of an element with text on both sides of a child element');
  if (attributeNames.length === 0 && elements.length === 0) return texts.length === 0 || texts[0] === '' ? null : textValue(texts[0], 'element');
  const out: { [key: string]: Dynamic } = {};
  for (const key of attributeNames) out[key] = textValue(attributes[key], 'attribute value');
  if (texts.length === 1 && texts[0] !== '') out['#text'] = textValue(texts[0], 'element');
  // Repeated child names become an array, in document order.
  const byName = new Map<string, Dynamic[]>();
  for (const child of elements) {
    const childName = elementName(child);
    if (childName === undefined) continue;
    const values = byName.get(childName) ?? [];
    values.push(convertElement(child, childName));
    byName.set(childName, values);
  }
  for (const [childName, values] of byName) {
    if (childName in out) throw new NotSupportedLocally(`parse_xml() of an element with an attribute and a child both named ${childName}`);
    out[childName] = values.length === 1 ? values[0] : values;
  }
  return out;
}

export function parseXml(text: string): Dynamic {
  if (text.length > MAX_XML_LENGTH) return null;
  if (text.includes('<![CDATA[')) throw new NotSupportedLocally('parse_xml() of CDATA sections');
  if (XMLValidator.validate(text) !== true) return null;
  const roots = (parser.parse(text) as OrderedNode[]).filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) return null;
  const name = elementName(roots[0])!;
  return { [name]: convertElement(roots[0], name) };
}

export const xmlFunctions: FunctionTable = {
  parse_xml: () => (args) => parseXml((args[0] as string | null) ?? ''),
};
