// --format markdown: the report as GitHub-flavoured tables, for a pull request comment or a wiki page.
import {
  businessOf,
  detailText,
  FIGURE_COLUMNS,
  formatValue,
  groupCell,
  groupColumns,
  groupColumnTitle,
  isUnavailable,
  mainFigures,
  periodText,
  settingsText,
  targetActual,
  targetMark,
  targetSummary,
  targetThreshold,
  unavailableText,
} from './format.js';
import type { Report, Reporter } from './types.js';

const reporter: Reporter = {
  id: 'markdown',
  extensions: ['.md', '.markdown'],
  render(report: Report): string {
    const out: string[] = [`# chatkpi report`, '', `Period: ${cell(periodText(report))}. chatkpi ${cell(report.tool.version)}.`, ''];
    if (settingsText(report)) out.push(`Settings: ${cell(settingsText(report))}.`, '');
    out.push('## Inputs', '', ...mdTable(['input', 'adapter', 'records', 'skipped', 'warnings'], report.inputs.map((i) => [i.path, i.adapter, String(i.records), String(i.skipped), String(i.warnings.length)])), '');

    const rows: string[][] = [];
    for (const [id, result] of Object.entries(report.metrics)) {
      if (isUnavailable(result)) {
        rows.push([id, unavailableText(result), ...FIGURE_COLUMNS.slice(1).map(() => ''), '']);
        continue;
      }
      const f = mainFigures(id, result);
      rows.push([id, ...FIGURE_COLUMNS.map((c) => f[c]), detailText(id, result)]);
      const business = businessOf(result);
      if (business !== undefined) {
        const b = mainFigures(id, { unit: 'seconds', ...business });
        rows.push([`${id} (business hours)`, ...FIGURE_COLUMNS.map((c) => b[c]), '']);
      }
    }
    out.push('## Metrics', '', ...mdTable(['metric', ...FIGURE_COLUMNS, 'details'], rows), '');

    for (const [by, groups] of Object.entries(report.groups)) {
      const columns = groupColumns(groups);
      const body = groups.map((g) => [g.key, ...columns.map((c) => groupCell(c, g.metrics[c.id]))]);
      out.push(`## By ${by}`, '', ...mdTable([by, ...columns.map(groupColumnTitle)], body), '');
    }

    if (report.vendor_checks) {
      const body = Object.entries(report.vendor_checks).map(([metric, v]) => [metric, v.source, `${v.compared} of ${v.conversations}`, String(v.differ), formatValue(v.vendor_mean, 'seconds'), formatValue(v.chatkpi_mean, 'seconds')]);
      out.push('## Vendor checks', '', ...mdTable(['metric', 'source', 'compared', 'differ', 'vendor mean', 'chatkpi mean'], body), '');
    }

    if (report.targets.length > 0) {
      const body = report.targets.map((t) => [
        targetMark(t) === 'PASS' ? '✅ PASS' : targetMark(t) === 'FAIL' ? '❌ FAIL' : '⚠️ MISS',
        t.expression,
        t.group ? `${t.group.by} ${t.group.key}` : 'all',
        targetActual(t),
        targetThreshold(t),
        [t.optional ? 'optional' : '', t.actual !== null ? (t.reason ?? '') : ''].filter(Boolean).join('; '),
      ]);
      out.push('## Targets', '', ...mdTable(['', 'target', 'group', 'actual', 'threshold', 'note'], body), '', `**${targetSummary(report)}**`, '');
    }
    return `${out.join('\n').trimEnd()}\n`;
  },
};
export default reporter;

/** A table cell: pipes escaped, line breaks flattened and `<` escaped, so no value (an agent name) can break the table or open an HTML tag. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '\\<');
}

function mdTable(head: string[], rows: string[][]): string[] {
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}
