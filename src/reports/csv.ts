// --format csv: long format `scope,group,metric,field,value`, one figure a row, so a spreadsheet pivots it.
import type { JsonValue, MetricResult } from '../metrics/types.js';
import type { Report, Reporter } from './types.js';

const HEADER = ['scope', 'group', 'metric', 'field', 'value'] as const;

/**
 * Rows: `overall,,first_response_time,p90,75` for the whole data set, `agent,Ana,csat,value,0.8` per group, and
 * `target,agent Ana,csat >= 80%,passed,false` per target line. Values stay in JSON units (seconds, fractions);
 * nested figures are dotted paths (`business.median`, `by_status.missed`, `series.0.count`).
 */
const reporter: Reporter = {
  id: 'csv',
  extensions: ['.csv'],
  render(report: Report): string {
    const rows: string[][] = [[...HEADER]];
    const addMetrics = (scope: string, group: string, metrics: Record<string, MetricResult>): void => {
      for (const [id, result] of Object.entries(metrics)) {
        for (const [field, value] of flatten(result)) rows.push([scope, group, id, field, value]);
      }
    };
    addMetrics('overall', '', report.metrics);
    for (const [by, groups] of Object.entries(report.groups)) for (const g of groups) addMetrics(by, g.key, g.metrics);
    for (const t of report.targets) {
      const group = t.group ? `${t.group.by} ${t.group.key}` : '';
      rows.push(['target', group, t.expression, 'actual', t.actual === null ? '' : String(t.actual)]);
      rows.push(['target', group, t.expression, 'threshold', String(t.threshold)]);
      rows.push(['target', group, t.expression, 'passed', String(t.passed)]);
      if (t.reason !== undefined) rows.push(['target', group, t.expression, 'reason', t.reason]);
    }
    return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  },
};
export default reporter;

/** [dotted path, text] for every scalar inside a result; null is an empty cell. */
function flatten(value: JsonValue, prefix = ''): [string, string][] {
  if (value === null) return [[prefix, '']];
  if (typeof value !== 'object') return [[prefix, String(value)]];
  const entries: [string, JsonValue][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * RFC 4180 quoting. A text starting with = + - @ would run as a formula in a spreadsheet (an agent named
 * `=HYPERLINK(...)`), so such texts get a leading apostrophe; numbers, negative ones included, are left alone.
 */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
