// Which columns hold process or file names, and which column a comparison tests.

import { child, type SyntaxNode } from '../../kusto/syntax';

const PROCESS_NAME_COLUMNS = new Set(
  [
    'FileName', 'InitiatingProcessFileName', 'InitiatingProcessParentFileName', 'ProcessVersionInfoOriginalFileName',
    'InitiatingProcessVersionInfoOriginalFileName', 'ProcessVersionInfoInternalFileName', 'InitiatingProcessVersionInfoInternalFileName',
    // ASIM process and file schemas
    'TargetProcessName', 'ActingProcessName', 'ParentProcessName', 'TargetProcessFileOriginalName', 'ActingProcessFileOriginalName',
    'TargetFileName', 'SrcFileName',
    // SecurityEvent 4688 and Sysmon
    'NewProcessName', 'Process', 'ProcessName', 'Image', 'ParentImage', 'OriginalFileName',
  ].map((c) => c.toLowerCase()),
);

export function isProcessNameColumn(name: string): boolean {
  return PROCESS_NAME_COLUMNS.has(name.toLowerCase());
}

/** Functions that keep a name recognisable: `tolower(FileName)` still tests `FileName`. */
const TRANSPARENT_FUNCTIONS = new Set(['tolower', 'toupper', 'tostring', 'trim']);

/** The column `node` reads, seeing through parentheses and case-folding calls. */
export function columnOf(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'NameReference' && node.symbol?.kind === 'Column') return node.symbol.name;
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
