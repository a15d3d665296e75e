// Which unit a metric's figure is in, so a target compares like with like and a report formats it right.
import { METRICS } from '../metrics/index.js';
import type { Metric } from '../metrics/types.js';

export type MetricUnit = Metric['unit'];
/** The unit of one figure: a duration in seconds, a fraction 0..1, or a plain number (a count or a score). */
export type FieldUnit = 'seconds' | 'ratio' | 'number';

/** What a target or a reporter needs to know about a metric. */
export interface MetricInfo {
  id: string;
  unit: MetricUnit;
  /** The figure a target reads when it names only the id (default `value`). */
  defaultField?: string;
}

/** Figures every distribution has (METRICS.md conventions), listed in the error for a bare duration metric. */
export const DISTRIBUTION_FIELDS = ['median', 'p90', 'mean', 'max'] as const;

// `p75`, and `p99.9` (metrics/stats.ts percentileKey): a key that itself holds a dot.
const isPercentile = (f: string): boolean => /^p\d{1,2}(\.\d+)?$/.test(f);
const isDistributionField = (f: string): boolean => f === 'mean' || f === 'median' || f === 'max' || f === 'min' || isPercentile(f);
/** `business.p90` → `p90`; undefined when the field is not under `business`. */
const businessPart = (field: string): string | undefined => (field.startsWith('business.') ? field.slice('business.'.length) : undefined);

/**
 * A metric's unit when the registry does not know it (a report read back from JSON, a metric of a newer version):
 * guessed from the id's catalogue words, so `missed_rate` shows as a percentage and `queue_time` as a duration.
 */
export function guessMetricUnit(id: string): MetricUnit {
  if (/(_rate|_share)$/.test(id) || ['service_level', 'csat', 'fcr'].includes(id)) return 'ratio';
  if (/(_time|_duration|_wait)$/.test(id)) return 'seconds';
  if (['nps', 'ces'].includes(id)) return 'score';
  return 'count';
}

/** The registry's entries as MetricInfo (looked up at call time: the registry is filled by import). */
export function registryMetrics(): MetricInfo[] {
  return METRICS.map((m) => ({ id: m.id, unit: m.unit, defaultField: m.defaultField }));
}

/** The unit of a metric: the registry's, else the guess. */
export function metricUnit(id: string): MetricUnit {
  return METRICS.find((m) => m.id === id)?.unit ?? guessMetricUnit(id);
}

/**
 * The unit of one figure of a metric: `first_response_time.p90` is seconds, `csat` (its `value`) a ratio,
 * `csat.mean` a score on the survey's scale, `csat.response_rate` a ratio, `service_level.count` a count.
 */
export function fieldUnit(unit: MetricUnit, field: string): FieldUnit {
  const business = businessPart(field);
  if (business !== undefined && unit === 'seconds') return isDistributionField(business) ? 'seconds' : 'number';
  if (field === 'value') return unit === 'seconds' ? 'seconds' : unit === 'ratio' ? 'ratio' : 'number';
  if (unit === 'seconds' && isDistributionField(field)) return 'seconds';
  const last = field.split('.').pop() ?? field;
  if (/_seconds$/.test(last)) return 'seconds';
  if (/(_rate|_share)$/.test(last)) return 'ratio';
  return 'number';
}

/** True for a figure name a distribution has, so `first_response_time.p95` is accepted before --percentiles is known. */
export function isDurationFieldName(field: string): boolean {
  const name = businessPart(field) ?? field;
  return isDistributionField(name) || name === 'count';
}
