// How reporters write figures: durations `1m 05s`, ratios `82.5%`, scores on their scale. Layout only, no arithmetic.
import type { JsonValue, MetricResult } from '../metrics/types.js';
import { fieldUnit, metricUnit, type FieldUnit } from '../targets/fields.js';
import { formatDuration } from '../time/duration.js';
import type { GroupResult, Report, TargetResult } from './types.js';

/** 0.825 → `82.5%`. */
export function formatRatio(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

/** 1200 → `1200`, 4.333 → `4.33`: at most two decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

/** A figure in its unit; null (no eligible conversations) is `-`. */
export function formatValue(value: JsonValue | undefined, unit: FieldUnit): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (unit === 'seconds') return formatDuration(value);
    if (unit === 'ratio') return formatRatio(value);
    return formatNumber(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A figure of a metric, its unit found from the metric and the field name (`csat.mean` is a score). */
export function formatField(metricId: string, field: string, value: JsonValue | undefined): string {
  return formatValue(value, fieldUnit(metricUnit(metricId), field));
}

export function isUnavailable(result: MetricResult): boolean {
  return result.available === false;
}

/** `n/a: export has no rating field`. */
export function unavailableText(result: MetricResult): string {
  return `n/a: ${typeof result.reason === 'string' ? result.reason : 'not available'}`;
}

/**
 * The unit of one figure of a result: a result that says `unit: 'seconds'` (a duration distribution, its business
 * object) has its spread figures in seconds; otherwise the metric's unit and the field name decide, so the
 * mean of a count distribution (`chats_per_day.mean`) stays a number.
 */
export function resultFieldUnit(metricId: string, result: MetricResult, field: string): FieldUnit {
  return fieldUnit(result.unit === 'seconds' ? 'seconds' : metricUnit(metricId), field);
}

/** The columns of a metrics table, in order. */
export const FIGURE_COLUMNS = ['value', 'count', 'mean', 'median', 'p90', 'max'] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** The main figures of a result (or of its `business` object), formatted; absent figures are ''. */
export function mainFigures(metricId: string, result: MetricResult): Record<FigureColumn, string> {
  const out = { value: '', count: '', mean: '', median: '', p90: '', max: '' };
  if (isUnavailable(result)) return { ...out, value: unavailableText(result) };
  for (const col of FIGURE_COLUMNS) {
    if (!(col in result)) continue;
    out[col] = formatValue(result[col], col === 'count' ? 'number' : resultFieldUnit(metricId, result, col));
  }
  return out;
}

/** The business-time figures of a duration metric, when `--business-hours` produced them. */
export function businessOf(result: MetricResult): MetricResult | undefined {
  const b = result.business;
  return typeof b === 'object' && b !== null && !Array.isArray(b) ? b : undefined;
}

/** The one figure a group table shows per metric: `value`, else the median of a distribution. */
export function headlineField(result: MetricResult): 'value' | 'median' | undefined {
  if ('value' in result) return 'value';
  if ('median' in result) return 'median';
  return undefined;
}

const SHOWN = new Set<string>([...FIGURE_COLUMNS, 'unit', 'business', 'available', 'reason']);

/**
 * The other figures of a result, one line: `responses 310, open 3, missed 40`. Nested objects are flattened one
 * level; long series (heatmaps, daily counts) are cut after `limit` entries so a table row stays readable.
 */
export function detailText(metricId: string, result: MetricResult, limit = 6): string {
  if (isUnavailable(result)) return '';
  const parts: string[] = [];
  let more = 0;
  const push = (label: string, text: string): void => {
    if (parts.length < limit) parts.push(`${label} ${text}`);
    else more++;
  };
  for (const [key, v] of Object.entries(result)) {
    if (SHOWN.has(key)) continue;
    if (v === null || typeof v !== 'object') push(key.replace(/_/g, ' '), formatValue(v, resultFieldUnit(metricId, result, key)));
    else if (!Array.isArray(v)) {
      // A nested figure set (resolution_time's `first`) is named once: `first: median 45m 30s, p90 1h 47m`.
      const isFigureSet = 'count' in v && 'median' in v;
      let named = false;
      for (const [sub, sv] of Object.entries(v)) {
        if (isFigureSet && (sub === 'unit' || sub === 'min')) continue;
        if (sv === null || typeof sv !== 'object') {
          const label = isFigureSet && !named ? `${key.replace(/_/g, ' ')}: ${sub}` : sub;
          named ||= isFigureSet;
          // by_threshold keys are T in seconds (service_level): `in 1m 00s 90.0%`.
          if (key === 'by_threshold') push(`in ${formatDuration(Number(sub))}`, formatValue(sv, 'ratio'));
          else push(label, formatField(metricId, key.startsWith('by_') ? 'value' : sub, sv));
        }
        else more++;
      }
    } else more += v.length;
  }
  return parts.join(', ') + (more > 0 ? `${parts.length ? ', ' : ''}+${more} more (see --format json)` : '');
}

/** `csat >= 80%` or `csat >= 80% [agent Ana]`. */
export function targetLabel(t: TargetResult): string {
  return t.group ? `${t.expression} [${t.group.by} ${t.group.key}]` : t.expression;
}

/** The compared figure, or `n/a: <reason>` when there is none. */
export function targetActual(t: TargetResult): string {
  if (t.actual === null) return `n/a: ${t.reason ?? 'no figure'}`;
  return formatValue(t.actual, t.unit ?? fieldUnit(metricUnit(t.metric), t.field));
}

export function targetThreshold(t: TargetResult): string {
  return `${t.op} ${formatValue(t.threshold, t.unit ?? fieldUnit(metricUnit(t.metric), t.field))}`;
}

/** `PASS`, `FAIL`; an optional target's miss is `MISS` (it does not fail the run). */
export function targetMark(t: TargetResult): 'PASS' | 'FAIL' | 'MISS' {
  if (t.passed) return 'PASS';
  return t.optional ? 'MISS' : 'FAIL';
}

/** Passed and failed lines (optional misses apart), for summaries. */
export function targetCounts(report: Pick<Report, 'targets'>): { passed: number; failed: number; optionalMissed: number } {
  let passed = 0;
  let failed = 0;
  let optionalMissed = 0;
  for (const t of report.targets) {
    if (t.passed) passed++;
    else if (t.optional) optionalMissed++;
    else failed++;
  }
  return { passed, failed, optionalMissed };
}

/** `2 passed, 1 failed` (`, 1 optional missed` when there is one). */
export function targetSummary(report: Pick<Report, 'targets'>): string {
  const c = targetCounts(report);
  return `${c.passed} passed, ${c.failed} failed${c.optionalMissed ? `, ${c.optionalMissed} optional missed` : ''}`;
}

/** `2026-01-01T00:00:00Z .. 2026-01-31T23:59:59Z (UTC)`. */
export function periodText(report: Pick<Report, 'period'>): string {
  const { from, to, timezone } = report.period;
  return `${from ?? '?'} .. ${to ?? '?'} (${timezone})`;
}

/** A column of a group table: a metric and the headline figure shown for it. */
export interface GroupColumn {
  id: string;
  field: 'value' | 'median';
}

/** One column per metric that has a headline figure in some group, in the report's order. */
export function groupColumns(groups: readonly GroupResult[]): GroupColumn[] {
  const columns: GroupColumn[] = [];
  for (const g of groups) {
    for (const [id, result] of Object.entries(g.metrics)) {
      const field = headlineField(result);
      if (field !== undefined && !columns.some((c) => c.id === id)) columns.push({ id, field });
    }
  }
  return columns;
}

export function groupColumnTitle(c: GroupColumn): string {
  return c.field === 'median' ? `${c.id} (median)` : c.id;
}

/** A group's headline figure: '' when the group lacks the metric, `n/a` when unavailable. */
export function groupCell(c: GroupColumn, result: MetricResult | undefined): string {
  if (result === undefined) return '';
  if (isUnavailable(result)) return 'n/a';
  return formatValue(result[c.field], resultFieldUnit(c.id, result, c.field));
}

/** The settings that shaped the figures, one line: `service level threshold seconds 20, business hours mon-fri 09:00-18:00`. */
export function settingsText(report: Pick<Report, 'settings'>): string {
  return Object.entries(report.settings)
    .filter(([, v]) => v !== null && v !== false && v !== '' && v !== 0)
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${v === true ? 'yes' : String(v)}`)
    .join(', ');
}
