// Targets against a report: one line per target overall, and one per target and group under --group-by.
import type { MetricResult } from '../metrics/types.js';
import type { Report, TargetResult } from '../reports/types.js';
import type { Target } from './parse.js';

/** Relative slack for equality: 4/5 computed in floating point must meet `>= 80%`. */
const EPSILON = 1e-9;

/** A figure read from a result, or why there is none. */
type Reading = { actual: number } | { actual: null; reason: string };

/**
 * Every target overall, each followed by its lines for every group of every dimension in `report.groups`.
 * A line without a figure (metric unavailable, no eligible conversations) fails with the reason, unless the
 * target is optional (CONTRACT.md: a silent pass would hide a broken export from CI). A group line with no eligible
 * conversations is the exception: it keeps its reason but does not fail.
 */
export function evaluateTargets(targets: readonly Target[], report: Pick<Report, 'metrics' | 'groups'>): TargetResult[] {
  const out: TargetResult[] = [];
  for (const target of targets) {
    const overall = evaluateOne(target, report.metrics);
    const groupLines: TargetResult[] = [];
    for (const [by, groups] of Object.entries(report.groups ?? {})) {
      for (const g of groups) {
        const line: TargetResult = { ...evaluateOne(target, g.metrics), group: { by, key: g.key } };
        // A group with nothing to measure (the unassigned group has no replies to time) misses nothing: the line
        // says so and does not fail. A metric missing from the whole export still fails overall.
        if (line.actual === null && g.metrics[target.metric]?.available !== false) line.passed = true;
        groupLines.push(line);
      }
    }
    const missed = groupLines.filter((l) => !l.passed);
    if (missed.length > 0 && overall.reason === undefined) overall.reason = `missed by ${describeMissed(missed)}`;
    out.push(overall, ...groupLines);
  }
  return out;
}

/** Every line that counts passed: optional targets never fail the run. */
export function targetsPassed(results: readonly TargetResult[]): boolean {
  return results.every((r) => r.passed || r.optional === true);
}

function evaluateOne(target: Target, metrics: Record<string, MetricResult>): TargetResult {
  const reading = read(target, metrics[target.metric]);
  const base: TargetResult = {
    expression: target.expression,
    metric: target.metric,
    field: target.field,
    op: target.op,
    threshold: target.threshold,
    actual: reading.actual,
    passed: false,
    unit: target.unit,
    ...(target.serviceLevelSeconds !== undefined ? { threshold_seconds: target.serviceLevelSeconds } : {}),
    ...(target.optional ? { optional: true } : {}),
  };
  if (reading.actual === null) return { ...base, passed: target.optional, reason: reading.reason };
  return { ...base, passed: compare(reading.actual, target.op, target.threshold) };
}

export function compare(actual: number, op: Target['op'], threshold: number): boolean {
  const near = Math.abs(actual - threshold) <= EPSILON * Math.max(1, Math.abs(threshold));
  switch (op) {
    case '>=':
      return actual >= threshold || near;
    case '<=':
      return actual <= threshold || near;
    case '==':
      return near;
    case '>':
      return actual > threshold && !near;
    case '<':
      return actual < threshold && !near;
  }
}

/** The compared figure of one metric result. */
function read(target: Target, result: MetricResult | undefined): Reading {
  if (result === undefined) return { actual: null, reason: `${target.metric} was not computed` };
  if (result.available === false) return { actual: null, reason: typeof result.reason === 'string' ? result.reason : `${target.metric} is not available` };

  let value: unknown;
  if (target.serviceLevelSeconds !== undefined && result.threshold_seconds !== target.serviceLevelSeconds) {
    // The engine measures every T the targets name (serviceLevelThresholds) under by_threshold, keyed by String(seconds).
    const byThreshold = result.by_threshold;
    const key = String(target.serviceLevelSeconds);
    if (!isRecord(byThreshold) || !(key in byThreshold)) return { actual: null, reason: `service level at ${key} s was not computed` };
    value = byThreshold[key];
  } else {
    if (target.field.startsWith('business.') && !isRecord(result.business)) return { actual: null, reason: 'no business-time figures (add --business-hours)' };
    const found = lookup(result, target.field);
    if (!found.ok) {
      const last = target.field.replace(/^business\./, '');
      if (/^p\d/.test(last)) return { actual: null, reason: `${target.metric} has no ${last} (add --percentiles ${last.slice(1)})` };
      return { actual: null, reason: `${target.metric} has no field "${target.field}"` };
    }
    value = found.value;
  }
  if (value === null || (typeof value === 'number' && Number.isNaN(value))) return { actual: null, reason: 'no eligible conversations' };
  if (typeof value !== 'number') return { actual: null, reason: `${target.metric}.${target.field} is not a number` };
  return { actual: value };
}

/**
 * A dotted path inside a result. A key may hold a dot itself (`p99.9`), so the longest matching key wins at
 * each level: `business.p99.9` is business → `p99.9`.
 */
function lookup(node: unknown, path: string): { ok: true; value: unknown } | { ok: false } {
  if (!isRecord(node)) return { ok: false };
  if (path in node) return { ok: true, value: node[path] };
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const head = parts.slice(0, i).join('.');
    if (head in node) return lookup(node[head], parts.slice(i).join('.'));
  }
  return { ok: false };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `agent Ana, Luis; channel web` (at most 5 keys per dimension, then a count). */
function describeMissed(lines: readonly TargetResult[]): string {
  const byDim = new Map<string, string[]>();
  for (const l of lines) {
    if (l.group === undefined) continue;
    const keys = byDim.get(l.group.by) ?? [];
    keys.push(l.group.key);
    byDim.set(l.group.by, keys);
  }
  return [...byDim].map(([by, keys]) => `${by} ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}`).join('; ');
}
