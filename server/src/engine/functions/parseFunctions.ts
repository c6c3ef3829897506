// Functions that split structured text: parse_path, parse_url, parse_urlquery,
// parse_command_line. Each returns a dynamic value shaped as the docs show.

import type { Dynamic, Value } from '../values';
import { NotSupportedLocally, constantArg, type Binder, type FunctionTable } from './call';
import { convertValue, parseJsonText } from './convert';

function text(v: Value): string {
  return (v as string | null) ?? '';
}

// --- parse_path -------------------------------------------------------------------------------

/**
 * `parse_path(path)`: scheme, drive root, directory, file name, extension and NTFS alternate data
 * stream, for Windows, UNC and POSIX paths (parse-path-function#1). Separators are kept as written.
 */
function parsePath(path: string): Dynamic {
  let rest = path;
  let scheme = '';
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1];
    rest = rest.slice(schemeMatch[0].length);
  }
  const root = /^[A-Za-z]:/.exec(rest)?.[0] ?? '';
  const lastSeparator = Math.max(rest.lastIndexOf('\\'), rest.lastIndexOf('/'));
  const directoryPath = lastSeparator >= 0 ? rest.slice(0, lastSeparator) : '';
  let fileName = rest.slice(lastSeparator + 1);
  if (lastSeparator < 0 && root) fileName = fileName.slice(root.length);
  let stream = '';
  const colon = fileName.indexOf(':');
  if (colon >= 0) {
    stream = fileName.slice(colon + 1);
    fileName = fileName.slice(0, colon);
  }
  const dot = fileName.lastIndexOf('.');
  const directoryName = directoryPath.slice(Math.max(directoryPath.lastIndexOf('\\'), directoryPath.lastIndexOf('/')) + 1);
  return {
    Scheme: scheme,
    RootPath: root,
    DirectoryPath: directoryPath,
    DirectoryName: directoryName === root ? '' : directoryName,
    Filename: fileName,
    Extension: dot >= 0 ? fileName.slice(dot + 1) : '',
    AlternateDataStreamName: stream,
  };
}

// --- parse_url and parse_urlquery -------------------------------------------------------------

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?([^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

/**
 * Open question: the path's leading `/`. The documented example (parse-url-function#1) shows
 * `"Path":"this/is/a/path"` for `…:1234/this/is/a/path?…`, so the slash is dropped here; a real
 * engine may keep it.
 */
export function urlPathText(path: string): string {
  return path.startsWith('/') ? path.slice(1) : path;
}

/** Query text → bag; `+` and `%xx` are decoded (assumed: the docs show no encoded example). */
function queryParameters(query: string): Dynamic {
  const bag: { [key: string]: Dynamic } = {};
  if (query === '') return bag;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq >= 0 ? pair.slice(0, eq) : pair);
    bag[key] = decode(eq >= 0 ? pair.slice(eq + 1) : '');
  }
  return bag;
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return component;
  }
}

function parseUrl(url: string): Dynamic {
  const m = URL_PARTS.exec(url);
  if (!m) throw new NotSupportedLocally('parse_url() of text that is not an absolute URL');
  const [, scheme, username = '', password = '', host, port = '', path, query = '', fragment = ''] = m;
  return {
    Scheme: scheme,
    Host: host,
    Port: port,
    Path: urlPathText(path),
    Username: username,
    Password: password,
    'Query Parameters': queryParameters(query),
    Fragment: fragment,
  };
}

// --- parse_command_line -----------------------------------------------------------------------

/**
 * Windows command-line splitting, as CommandLineToArgvW does it: whitespace separates arguments
 * outside quotes; `"` toggles quoting; 2n backslashes before a quote give n backslashes and a
 * toggle, 2n+1 give n backslashes and a literal quote; `""` inside quotes is a literal quote;
 * other backslashes are literal. The first argument (the program) takes quotes only, no escapes.
 */
function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = line.length;
  const isSpace = (c: string) => c === ' ' || c === '\t';
  // The program name.
  while (i < n && isSpace(line[i])) i++;
  if (i >= n) return args;
  let program = '';
  let quoted = false;
  for (; i < n && (quoted || !isSpace(line[i])); i++) {
    if (line[i] === '"') quoted = !quoted;
    else program += line[i];
  }
  args.push(program);
  while (true) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return args;
    let arg = '';
    quoted = false;
    while (i < n && (quoted || !isSpace(line[i]))) {
      const c = line[i];
      if (c === '\\') {
        let slashes = 0;
        while (i < n && line[i] === '\\') {
          slashes++;
          i++;
        }
        if (line[i] === '"') {
          arg += '\\'.repeat(Math.floor(slashes / 2));
          if (slashes % 2 === 1) {
            arg += '"';
            i++;
          }
        } else {
          arg += '\\'.repeat(slashes);
        }
      } else if (c === '"') {
        if (quoted && line[i + 1] === '"') {
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
      } else {
        arg += c;
        i++;
      }
    }
    args.push(arg);
  }
}

const parseCommandLine: Binder = (info) => {
  const parser = constantArg(info, 1);
  if (parser !== undefined && String(parser).toLowerCase() !== 'windows') return { unsupported: `parse_command_line() with the parser ${JSON.stringify(parser)}` };
  return (args) => {
    if (text(args[1]).toLowerCase() !== 'windows') throw new NotSupportedLocally(`parse_command_line() with the parser ${JSON.stringify(args[1])}`);
    return splitWindowsCommandLine(text(args[0]));
  };
};

// --- parse_csv -------------------------------------------------------------------------------

/**
 * `parse_csv(text)`: the fields of the first record; fields may be quoted, with `""` for a quote
 * and line breaks inside quotes (parse-csv-function#2, #3).
 */
function parseCsv(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      break;
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

// --- extract_json ----------------------------------------------------------------------------

/** A JSONPath made of `$`, `.name`, `['name']` and `[index]` steps, or undefined for anything richer. */
function jsonPathSteps(path: string): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  const step = /\.([A-Za-z_$][\w$-]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]/y;
  if (!path.startsWith('$')) return undefined;
  step.lastIndex = 1;
  while (step.lastIndex < path.length) {
    const m = step.exec(path);
    if (!m) return undefined;
    steps.push(m[4] !== undefined ? Number(m[4]) : (m[1] ?? m[2] ?? m[3]));
  }
  return steps;
}

/**
 * `extract_json(jsonPath, json [, typeof(T)])`: the element at the path, converted to T (a string
 * by default: text as it is, other values as JSON); null, or "" for strings, when it is missing.
 */
const extractJson: Binder = (info) => {
  const constantPath = constantArg(info, 0);
  const literalSteps = typeof constantPath === 'string' ? jsonPathSteps(constantPath) : undefined;
  if (typeof constantPath === 'string' && !literalSteps) return { unsupported: `extract_json() with the JSONPath ${JSON.stringify(constantPath)}` };
  return (args) => {
    const steps = literalSteps ?? jsonPathSteps(text(args[0]));
    if (!steps) throw new NotSupportedLocally(`extract_json() with the JSONPath ${JSON.stringify(args[0])}`);
    let node: Dynamic | undefined = parseJsonText(text(args[1]));
    for (const key of steps) {
      if (typeof key === 'number' ? !Array.isArray(node) : node === null || typeof node !== 'object' || Array.isArray(node)) {
        node = undefined;
        break;
      }
      node = (node as { [key: string]: Dynamic })[key];
    }
    if (node === undefined || node === null) return info.resultType === 'string' ? '' : null;
    if (info.resultType === 'string') return typeof node === 'string' ? node : JSON.stringify(node);
    return convertValue(node, 'dynamic', info.resultType);
  };
};

export const parseFunctions: FunctionTable = {
  parse_path: () => (args) => parsePath(text(args[0])),
  parse_url: () => (args) => parseUrl(text(args[0])),
  parse_urlquery: () => (args) => ({ 'Query Parameters': queryParameters(text(args[0]).replace(/^\?/, '')) }),
  parse_command_line: parseCommandLine,
  parse_csv: () => (args) => parseCsv(text(args[0])),
  extract_json: extractJson,
  extractjson: extractJson,
};
