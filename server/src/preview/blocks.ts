// Query blocks without a parse: the text between blank lines, as Kusto Explorer splits a script.
// The preview re-runs on every keystroke, and the engine analyses the block it runs anyway, so a
// second analysis just to find the blocks would double the cost of an update.

export interface QueryBlock {
  start: number;
  end: number;
  text: string;
}

/** Blocks of `text` that hold more than whitespace and `//` comments, in document offsets. */
export function queryBlocks(text: string): QueryBlock[] {
  const blocks: QueryBlock[] = [];
  let start = -1;
  let end = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const blank = line.trim() === '';
    if (!blank && start < 0) start = offset;
    if (!blank) end = offset + line.length;
    if (blank && start >= 0) {
      push(blocks, text, start, end);
      start = -1;
    }
    offset += line.length + 1;
  }
  if (start >= 0) push(blocks, text, start, end);
  return blocks;
}

function push(blocks: QueryBlock[], text: string, start: number, end: number): void {
  const blockText = text.slice(start, end);
  if (withoutComments(blockText).trim() !== '') blocks.push({ start, end, text: blockText });
}

/** The text with `//` comments removed (outside string literals). */
export function withoutComments(text: string): string {
  return text.replace(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\/\/[^\n]*/g, (_match, literal: string | undefined) => literal ?? '');
}

/** Names from `candidates` the block mentions as identifiers outside comments and strings. */
export function namesMentioned(text: string, candidates: ReadonlySet<string>): string[] {
  const code = withoutComments(text).replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
  const found = new Set<string>();
  for (const match of code.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    if (candidates.has(match[0])) found.add(match[0]);
  }
  return [...found];
}
