// Generates syntaxes/kql.tmLanguage.json from syntaxes/kql.tmLanguage.yaml.
//
// The YAML may declare `variables`: a variable is a regex fragment (a string) or a list of
// words. `{{name}}` inside `match`, `begin`, `end` and `while` is replaced by the fragment, or by
// the words as a non-capturing alternation, escaped and longest first, so that `has_any` is
// tried before `has` and `project-away` before `project`. The variables are not emitted.
//
//   node scripts/build-grammar.mjs           write the JSON
//   node scripts/build-grammar.mjs --stdout  print the JSON instead (the unit test compares it)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'syntaxes', 'kql.tmLanguage.yaml');
const target = join(root, 'syntaxes', 'kql.tmLanguage.json');
const regexKeys = new Set(['match', 'begin', 'end', 'while']);

function escapeRegex(word) {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(words, name) {
  const unique = [...new Set(words)];
  if (unique.length !== words.length) throw new Error(`variable ${name} lists a word twice`);
  const sorted = unique.sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `(?:${sorted.map(escapeRegex).join('|')})`;
}

function resolveVariables(variables = {}) {
  const resolved = new Map();
  const resolving = new Set();
  const resolve = (name) => {
    if (resolved.has(name)) return resolved.get(name);
    if (!(name in variables)) throw new Error(`unknown grammar variable {{${name}}}`);
    if (resolving.has(name)) throw new Error(`grammar variable {{${name}}} refers to itself`);
    resolving.add(name);
    const value = variables[name];
    const fragment = Array.isArray(value) ? alternation(value.map(String), name) : substitute(String(value), resolve);
    resolving.delete(name);
    resolved.set(name, fragment);
    return fragment;
  };
  return resolve;
}

function substitute(text, resolve) {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => resolve(name));
}

function expand(node, resolve) {
  if (Array.isArray(node)) return node.map((item) => expand(item, resolve));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = regexKeys.has(key) && typeof value === 'string' ? substitute(value, resolve) : expand(value, resolve);
  }
  return out;
}

/** Turns the YAML grammar source into the JSON text VS Code loads. */
export function generateGrammar(yamlText) {
  const { variables, ...grammar } = parse(yamlText);
  const expanded = expand(grammar, resolveVariables(variables));
  return `${JSON.stringify(expanded, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = generateGrammar(readFileSync(source, 'utf8'));
  if (process.argv.includes('--stdout')) process.stdout.write(json);
  else writeFileSync(target, json);
}
