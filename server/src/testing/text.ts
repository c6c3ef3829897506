// Offsets in a text to 1-based lines and columns, as editors and CI annotations count them.

export interface LineIndex {
  /** 1-based line and column of a 0-based offset. */
  positionAt(offset: number): { line: number; column: number };
  /** The 0-based offset of a 1-based line and column, clamped to the text. */
  offsetAt(line: number, column: number): number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return {
    positionAt(offset: number) {
      const clamped = Math.max(0, Math.min(offset, text.length));
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= clamped) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: clamped - starts[low] + 1 };
    },
    offsetAt(line: number, column: number) {
      if (line > starts.length) return text.length;
      return Math.max(0, Math.min(text.length, starts[Math.max(1, line) - 1] + column - 1));
    },
  };
}
