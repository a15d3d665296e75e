// `chatkpi inspect` as text: detection scores, the chosen adapter, the mapping, counts, time range, problems.
import chalk, { Chalk } from 'chalk';
import { proposeMapping } from '../adapters/mapping.js';
import type { InspectResult } from '../pipeline.js';

export function renderInspect(results: InspectResult[], color: boolean): string {
  const c = color ? new Chalk({ level: chalk.level || 1 }) : new Chalk({ level: 0 });
  const out: string[] = [];
  for (const r of results) {
    out.push(c.bold(r.path));
    out.push(`  format     ${r.format}, ${r.encoding}${r.delimiter ? `, delimiter ${r.delimiter}` : ''}${r.wrapper_key ? `, records in "${r.wrapper_key}"` : ''}`);
    if (r.headers) out.push(`  headers    ${r.headers.join(', ')}`);
    out.push('  detection');
    for (const s of r.scores.filter((x) => x.score > 0).slice(0, 6)) {
      const mark = s.id === r.chosen ? c.green('→') : ' ';
      out.push(`   ${mark} ${s.id.padEnd(22)} ${s.score.toFixed(2)}  ${s.reason}`);
    }
    if (r.scores.every((x) => x.score === 0)) out.push('    (no adapter scored above 0)');
    if (r.chosen === null) {
      out.push(`  ${c.red('problem')}    ${r.problem ?? 'no adapter matches'}`);
      if (r.headers) {
        const proposal = proposeMapping([...r.headers]);
        const pairs = Object.entries(proposal.mapping).map(([k, v]) => `${k}=${v}`).join(',');
        if (pairs !== '') {
          out.push(`  proposed   --map "${pairs}"`);
          if (proposal.missing.length > 0) out.push(`             (not found: ${proposal.missing.join(', ')})`);
        }
      }
      out.push('');
      continue;
    }
    out.push(`  adapter    ${c.bold(r.chosen)} (${r.chosen_reason})`);
    if (r.mapping.length > 0) {
      out.push('  mapping');
      for (const m of r.mapping) out.push(`    ${m.field.padEnd(16)} ← ${m.columns.join(', ')}`);
    }
    out.push(`  records    ${r.records}${r.skipped ? c.yellow(`, ${r.skipped} skipped`) : ''}`);
    out.push(`  conversations ${r.conversations}`);
    out.push(`  time range ${r.time_range.from ?? '-'} .. ${r.time_range.to ?? '-'}`);
    if (r.warnings.length > 0) {
      out.push('  problems');
      for (const w of r.warnings) out.push(`    ${c.yellow(w)}`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
