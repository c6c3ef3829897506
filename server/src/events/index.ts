// Sample-event readers: JSON Lines, JSON and CSV bytes into the engine's columnar tables. All of
// this is pure (bytes in, tables and problems out). Reading files is `./files` (loadEventFiles),
// imported by the shells only.


export { fromJson, fromText, parseIsoDateTime } from './convert';
export { readJsonDocument, readJsonLines, type ReadOptions, type ReadResult } from './jsonTable';
export type { EventTable } from './lazyTable';
export { readCsv } from './csvTable';
export { formatProblem, type FileProblem } from '../text/problem';
export { lineAlignedPieces, readJsonLinesProjected, type ProjectedReadOptions } from './projected';
export { concatTables, EventProvider, formatOf, readEvents, type EventFormat } from './read';
