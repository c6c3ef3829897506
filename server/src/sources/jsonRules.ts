// Detections in JSON: the `alertRules` resources of an ARM template (`Microsoft.SecurityInsights`,
// as Sentinel exports them) and a Defender XDR custom detection rule (Graph `detectionRule`, whose
// query is `queryCondition.queryText`).

import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser/lib/esm/main.js';
import type { EmbeddedQuery } from './embeddedQuery';
import { decodeJsonString, encodeJsonStringContent } from './jsonString';

export interface JsonRule {
  /** The object holding the rule's fields: an ARM resource's `properties`, or the Graph rule itself. */
  fields: Node;
  query: EmbeddedQuery | undefined;
}

export interface JsonRuleFile {
  kind: 'arm-template' | 'graph-detection-rule';
  root: Node;
  rules: JsonRule[];
  problems: { start: number; end: number; message: string }[];
}

const ALERT_RULE_TYPE = /(^|\/)alertRules$/i;

/** The detections of a JSON file, or undefined when it is neither an ARM template with alert rules nor a Graph detection rule. */
export function parseJsonRuleFile(text: string): JsonRuleFile | undefined {
  if (!/"(resources|queryCondition)"/.test(text)) return undefined;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return undefined;
  const problems: JsonRuleFile['problems'] = [];
  const resources = findNodeAtLocation(root, ['resources']);
  if (resources?.type === 'array') {
    const rules: JsonRule[] = [];
    for (const resource of resources.children ?? []) {
      const type = findNodeAtLocation(resource, ['type']);
      if (typeof type?.value !== 'string' || !ALERT_RULE_TYPE.test(type.value)) continue;
      const properties = findNodeAtLocation(resource, ['properties']);
      const queryNode = properties && findNodeAtLocation(properties, ['query']);
      if (!properties || queryNode?.type !== 'string') continue;
      if (String(queryNode.value).startsWith('[')) {
        problems.push({ start: queryNode.offset, end: queryNode.offset + queryNode.length, message: 'not supported locally: an ARM template expression as the query (only a plain string query can be checked)' });
        rules.push({ fields: properties, query: undefined });
        continue;
      }
      rules.push({ fields: properties, query: jsonQuery(text, queryNode, problems) });
    }
    if (rules.length > 0) return { kind: 'arm-template', root, rules, problems };
  }
  const queryText = findNodeAtLocation(root, ['queryCondition', 'queryText']);
  if (queryText?.type === 'string') return { kind: 'graph-detection-rule', root, rules: [{ fields: root, query: jsonQuery(text, queryText, problems) }], problems };
  return undefined;
}

function jsonQuery(text: string, node: Node, problems: JsonRuleFile['problems']): EmbeddedQuery | undefined {
  const map = decodeJsonString(text, node.offset, node.offset + node.length);
  if (!map) {
    problems.push({ start: node.offset, end: node.offset + node.length, message: 'The query cannot be checked: its JSON string could not be decoded.' });
    return undefined;
  }
  return { text: map.text, map, valueStart: node.offset, valueEnd: node.offset + node.length, encode: encodeJsonStringContent };
}
