// Test texts as the user sees them: `$0` marks the caret, `«…»` marks an expected span.

export interface Marked {
  text: string;
  /** Offset of `$0`, if present. */
  caret?: number;
  /** Spans marked with `«…»`, in order. */
  spans: { start: number; end: number }[];
}

export function mark(source: string): Marked {
  let text = '';
  let caret: number | undefined;
  const spans: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('$0', i)) {
      caret = text.length;
      i++;
    } else if (source[i] === '«') open.push(text.length);
    else if (source[i] === '»') spans.push({ start: open.pop()!, end: text.length });
    else text += source[i];
  }
  return { text, caret, spans };
}

/** LSP position (line, UTF-16 character) of `offset` in `text`. */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function rangeOf(text: string, span: { start: number; end: number }) {
  return { start: positionOf(text, span.start), end: positionOf(text, span.end) };
}
