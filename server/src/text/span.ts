// A range of text in offsets: the one coordinate every layer of the core speaks. Shells convert
// it to lines and columns (LSP positions, `file:line:column`) at their edge.

export interface Span {
  /** Offset of the first character (UTF-16 code units, as JavaScript strings count). */
  start: number;
  /** Offset just past the last character. */
  end: number;
}
