// Which columns hold process or file names, and which column a comparison tests.

import { editDistance } from '../../catalog/catalog';
import { child, walk, type SyntaxNode } from '../../kusto/syntax';

const PROCESS_NAME_COLUMN_NAMES = [
    'FileName', 'InitiatingProcessFileName', 'InitiatingProcessParentFileName', 'ProcessVersionInfoOriginalFileName',
    'InitiatingProcessVersionInfoOriginalFileName', 'ProcessVersionInfoInternalFileName', 'InitiatingProcessVersionInfoInternalFileName',
    // ASIM process and file schemas
    'TargetProcessName', 'ActingProcessName', 'ParentProcessName', 'TargetProcessFileOriginalName', 'ActingProcessFileOriginalName',
    'TargetFileName', 'SrcFileName',
    // SecurityEvent 4688 and Sysmon
    'NewProcessName', 'Process', 'ProcessName', 'Image', 'ParentImage', 'OriginalFileName',
];
const PROCESS_NAME_COLUMNS = new Set(PROCESS_NAME_COLUMN_NAMES.map((c) => c.toLowerCase()));
/** Edits a misspelt name may be away from the column it means. */
const MAX_TYPO_EDITS = 2;

export function isProcessNameColumn(name: string): boolean {
  return PROCESS_NAME_COLUMNS.has(name.toLowerCase());
}

/** Functions that keep a name recognisable: `tolower(FileName)` still tests `FileName`. */
const TRANSPARENT_FUNCTIONS = new Set(['tolower', 'toupper', 'tostring', 'trim']);

/** The column `node` reads, seeing through parentheses and case-folding calls. */
export function columnOf(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'NameReference' && node.symbol?.kind === 'Column') return node.symbol.name;
  if (node.kind === 'NameReference' && !node.symbol) return meantProcessColumn(writtenName(node));
  if (node.kind === 'ParenthesizedExpression') return columnOf(child(node, 'Expression'));
  if (node.kind === 'FunctionCallExpression') {
    const name = child(node, 'Name');
    const args = child(node, 'ArgumentList')?.children.find((c) => c.field === 'Expressions');
    const first = args?.children[0];
    const element = first?.kind === 'SeparatedElement' ? first.children[0] : first;
    if (name && TRANSPARENT_FUNCTIONS.has(name.symbol?.name ?? '')) return columnOf(element);
  }
  return undefined;
}

/**
 * The process-name column a name Kusto cannot resolve is closest to, within two edits (`FileNme`
 * means `FileName`). Kusto reports the misspelling; the rules keep reading the detection as meant,
 * so their findings do not vanish while a column is being typed.
 */
function meantProcessColumn(name: string): string | undefined {
  let best: { column: string; distance: number } | undefined;
  for (const column of PROCESS_NAME_COLUMN_NAMES) {
    const distance = editDistance(name.toLowerCase(), column.toLowerCase(), MAX_TYPO_EDITS);
    if (distance <= MAX_TYPO_EDITS && (!best || distance < best.distance)) best = { column, distance };
  }
  return best?.column;
}

function writtenName(node: SyntaxNode): string {
  let name = '';
  walk(node, (n) => {
    if (n.isToken && n.kind === 'IdentifierToken') name = n.value ?? n.text ?? '';
  });
  return name;
}
