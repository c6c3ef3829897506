import { analyzeQuery } from '/work/wt/engine/server/src/kusto/analyze';
import { environmentFor } from '/work/wt/engine/server/src/kusto/environment';
const q = process.argv[2];
const a: any = analyzeQuery(q, environmentFor('both'));
const root = a.tree ?? a.root ?? a.syntax;
function dump(n: any, d: number) { if (!n) return; if (n.isToken) return; console.log(' '.repeat(d) + (n.field ?? '') + ':' + n.kind + ' ' + JSON.stringify(q.slice(n.start, n.end)).slice(0, 60) + (n.type ? ' ' + JSON.stringify(n.type).slice(0, 150) : '')); for (const c of n.children) dump(c, d + 1); }
dump(root, 0);
