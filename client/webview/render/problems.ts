// Evaluation problems: unsupported constructs and query errors (with their place in the
// detection), and bad event lines (with file and line).

import type { EventLocation, PreviewProblem, QueryRange } from '../../../server/src/protocol/preview';
import { button, el } from '../dom';

export interface ProblemActions {
  openEvent(location: EventLocation): void;
  openQuery(range: QueryRange): void;
}

export function renderProblems(problems: readonly PreviewProblem[], actions: ProblemActions): HTMLElement | null {
  if (problems.length === 0) return null;
  const items = problems.map((problem) => {
    const { query, event } = problem;
    const place = query
      ? button(`line ${query.line}:${query.column}`, () => actions.openQuery(query), { className: 'link' })
      : event
        ? button(event.line > 0 ? `${event.file}:${event.line}` : event.file, () => actions.openEvent(event), { className: 'link' })
        : null;
    return el('li', { className: problem.severity }, place, ' ', problem.message, ` [${problem.code}]`);
  });
  return el('section', { className: 'problems', role: 'alert' }, el('h3', {}, `Problems (${problems.length})`), el('ul', {}, ...items));
}
