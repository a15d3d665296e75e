// --format html: one self-contained page (inline style, no scripts, no external assets) to mail or archive.
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

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:0 0 1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}.na{color:#888}
.pass{color:#176c2b;font-weight:bold}.fail{color:#b00020;font-weight:bold}.miss{color:#9a6700;font-weight:bold}
tr.business td{color:#555;font-style:italic}`;

const reporter: Reporter = {
  id: 'html',
  extensions: ['.html', '.htm'],
  render(report: Report): string {
    const parts: string[] = [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>chatkpi report ${esc(periodText(report))}</title>`,
      `<style>${STYLE}</style>`,
      '</head>',
      '<body>',
      '<h1>chatkpi report</h1>',
      `<p>Period: ${esc(periodText(report))}. chatkpi ${esc(report.tool.version)}.</p>`,
      ...(settingsText(report) ? [`<p>Settings: ${esc(settingsText(report))}.</p>`] : []),
      '<h2>Inputs</h2>',
      htmlTable(['input', 'adapter', 'records', 'skipped', 'warnings'], report.inputs.map((i) => [cellText(i.path), cellText(i.adapter), num(String(i.records)), num(String(i.skipped)), num(String(i.warnings.length))])),
      '<h2>Metrics</h2>',
      metricsTable(report),
    ];
    for (const [by, groups] of Object.entries(report.groups)) parts.push(`<h2>By ${esc(by)}</h2>`, groupTable(by, groups));
    if (report.vendor_checks) {
      const rows = Object.entries(report.vendor_checks).map(([metric, v]) => [
        cellText(metric), cellText(v.source), num(`${v.compared} of ${v.conversations}`), num(String(v.differ)), num(formatValue(v.vendor_mean, 'seconds')), num(formatValue(v.chatkpi_mean, 'seconds')),
      ]);
      parts.push('<h2>Vendor checks</h2>', htmlTable(['metric', 'source', 'compared', 'differ', 'vendor mean', 'chatkpi mean'], rows));
    }
    if (report.targets.length > 0) {
      const rows = report.targets.map((t) => {
        const mark = targetMark(t);
        return [
          `<td class="${mark.toLowerCase()}">${mark}</td>`,
          cellText(t.expression),
          cellText(t.group ? `${t.group.by} ${t.group.key}` : 'all'),
          t.actual === null ? `<td class="na">${esc(targetActual(t))}</td>` : num(targetActual(t)),
          cellText(targetThreshold(t)),
          cellText([t.optional ? 'optional' : '', t.actual !== null ? (t.reason ?? '') : ''].filter(Boolean).join('; ')),
        ];
      });
      parts.push('<h2>Targets</h2>', htmlTable(['', 'target', 'group', 'actual', 'threshold', 'note'], rows), `<p><strong>${esc(targetSummary(report))}</strong></p>`);
    }
    parts.push('</body>', '</html>');
    return `${parts.join('\n')}\n`;
  },
};
export default reporter;

/** Escapes text for element content and quoted attributes alike. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const cellText = (text: string): string => `<td>${esc(text)}</td>`;
const num = (text: string): string => `<td class="num">${esc(text)}</td>`;

/** Cells arrive as finished `<td>` elements, already escaped. */
function htmlTable(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${rows.map((r) => `<tr>${r.join('')}</tr>`).join('\n')}\n</tbody>\n</table>`;
}

function metricsTable(report: Report): string {
  const rows: string[] = [];
  for (const [id, result] of Object.entries(report.metrics)) {
    if (isUnavailable(result)) {
      rows.push(`<tr><td>${esc(id)}</td><td class="na" colspan="${FIGURE_COLUMNS.length + 1}">${esc(unavailableText(result))}</td></tr>`);
      continue;
    }
    const f = mainFigures(id, result);
    rows.push(`<tr>${cellText(id)}${FIGURE_COLUMNS.map((c) => num(f[c])).join('')}${cellText(detailText(id, result))}</tr>`);
    const business = businessOf(result);
    if (business !== undefined) {
      const b = mainFigures(id, { unit: 'seconds', ...business });
      rows.push(`<tr class="business">${cellText(`${id} (business hours)`)}${FIGURE_COLUMNS.map((c) => num(b[c])).join('')}<td></td></tr>`);
    }
  }
  const th = ['metric', ...FIGURE_COLUMNS, 'details'].map((h) => `<th>${esc(h)}</th>`).join('');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function groupTable(by: string, groups: Report['groups'][string]): string {
  const columns = groupColumns(groups);
  const rows = groups.map((g) => [
    cellText(g.key),
    ...columns.map((c) => {
      const text = groupCell(c, g.metrics[c.id]);
      return text === 'n/a' ? '<td class="na">n/a</td>' : num(text);
    }),
  ]);
  return htmlTable([by, ...columns.map(groupColumnTitle)], rows);
}
