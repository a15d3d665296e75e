// Exact distributions and the small arithmetic every metric shares (METRICS.md conventions).
import type { Clock } from '../time/clock.js';
import type { JsonValue, MetricResult } from './types.js';

/** Rounds to 3 decimals: durations (ms precision in seconds) and scores. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Rounds to 6 decimals: ratios, so 0.300276 stays 0.300276 and an analyst can check it against their own query. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** numerator / denominator rounded, or null when nothing is eligible (a report shows "n/a", never 0). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round6(numerator / denominator) : null;
}

/** `75` → `p75`, `99.9` → `p99.9`: the key of an extra percentile. */
export function percentileKey(p: number): string {
  return `p${p}`;
}

/** A distribution's figures: count, mean, median, p90, extra percentiles (`p75`), max, min; null when empty. */
export interface Summary {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
  min: number | null;
  [percentile: string]: number | null;
}

/**
 * An exact distribution kept as a histogram (value → occurrences), so memory follows the distinct values, not the
 * rows: durations in whole milliseconds repeat a lot over a large export. Percentiles interpolate linearly between the
 * closest ranks (Excel PERCENTILE.INC, numpy's default, DuckDB quantile_cont): h = (n − 1)·p, x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
 */
/** Whole seconds counted densely by Distribution: 4,096 s (68 min) is 32 KB per distribution at most. */
const DENSE_SECONDS = 4096;

/** The index in Distribution's dense counts for a value of whole seconds below DENSE_SECONDS; -1 for any other. */
function denseSecond(value: number): number {
  const second = value / 1000;
  return second >= 0 && second < DENSE_SECONDS && Number.isInteger(second) && !Object.is(value, -0) ? second : -1;
}

export class Distribution {
  private readonly histogram = new Map<number, number>();
  /**
   * Occurrences of whole seconds below DENSE_SECONDS (value = index × 1000), counted in an array: exports have
   * second resolution, so most durations land here and skip a Map lookup (a large share of a report's time).
   */
  private dense: Float64Array | undefined;
  private n = 0;
  private total = 0;
  private keys: number[] | undefined;
  private cumulative: number[] | undefined;

  add(value: number, times = 1): void {
    if (!Number.isFinite(value) || times <= 0) return;
    const second = denseSecond(value);
    if (second >= 0) {
      let d = this.dense;
      if (d === undefined || second >= d.length) d = this.growDense(second);
      d[second] = d[second]! + times;
    } else {
      this.histogram.set(value, (this.histogram.get(value) ?? 0) + times);
    }
    this.n += times;
    this.total += value * times;
    this.keys = undefined;
  }

  private growDense(second: number): Float64Array {
    let size = Math.max(256, this.dense?.length ?? 0);
    while (size <= second) size *= 2;
    const d = new Float64Array(Math.min(size, DENSE_SECONDS));
    if (this.dense !== undefined) d.set(this.dense);
    this.dense = d;
    return d;
  }

  /** Occurrences of `value` (0 when never added). */
  private occurrences(value: number): number {
    const second = denseSecond(value);
    if (second >= 0) return this.dense !== undefined && second < this.dense.length ? this.dense[second]! : 0;
    return this.histogram.get(value) ?? 0;
  }

  get count(): number {
    return this.n;
  }

  /** An independent copy (a result that adds provisional values leaves the fold untouched). */
  clone(): Distribution {
    const copy = new Distribution();
    for (const [value, n] of this.entries()) copy.add(value, n);
    return copy;
  }

  get mean(): number | null {
    return this.n > 0 ? this.total / this.n : null;
  }

  get sum(): number {
    return this.total;
  }

  get min(): number | null {
    return this.n > 0 ? this.sorted()[0]! : null;
  }

  get max(): number | null {
    const keys = this.sorted();
    return keys.length > 0 ? keys[keys.length - 1]! : null;
  }

  /** Occurrences of values ≤ x (service level: answered within T). */
  countAtMost(x: number): number {
    const keys = this.sorted();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.cumulative![lo - 1]!;
  }

  /** p in 0..100; null when empty. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const h = ((this.n - 1) * p) / 100;
    const lower = Math.floor(h);
    const a = this.valueAtRank(lower);
    if (h === lower) return a;
    return a + (h - lower) * (this.valueAtRank(lower + 1) - a);
  }

  /** The distinct values and their occurrences, ascending (for merges and bucket tables). */
  entries(): [number, number][] {
    return this.sorted().map((k) => [k, this.occurrences(k)]);
  }

  /**
   * `{ count, mean, median, p90, [extra percentiles], max, min }`, each value divided by `scale` (1000 turns ms into
   * seconds) and rounded to 3 decimals; figures are null when empty.
   */
  summary(percentiles: readonly number[] = [], scale = 1): Summary {
    const f = (x: number | null): number | null => (x === null ? null : round3(x / scale));
    const extra: { [key: string]: number | null } = {};
    for (const p of percentiles) if (p !== 50 && p !== 90) extra[percentileKey(p)] = f(this.percentile(p));
    return {
      count: this.n,
      mean: f(this.mean),
      median: f(this.percentile(50)),
      p90: f(this.percentile(90)),
      ...extra,
      max: f(this.max),
      min: f(this.min),
    };
  }

  /** The value at 0-based rank k of the sorted multiset. */
  private valueAtRank(k: number): number {
    const keys = this.sorted();
    const cumulative = this.cumulative!;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > k) hi = mid;
      else lo = mid + 1;
    }
    return keys[lo]!;
  }

  private sorted(): number[] {
    if (this.keys === undefined) {
      const keys = [...this.histogram.keys()];
      const d = this.dense;
      if (d !== undefined) for (let i = 0; i < d.length; i++) if (d[i]! > 0) keys.push(i * 1000);
      this.keys = keys.sort((a, b) => a - b);
      let running = 0;
      this.cumulative = this.keys.map((k) => (running += this.occurrences(k)));
    }
    return this.keys;
  }
}

/**
 * Durations between two instants: calendar seconds always, and business seconds (`business`) when the clock has a
 * schedule. Values are kept in whole ms (business: business seconds × 1000, rounded) so the histogram stays small.
 */
export class DurationDistribution {
  calendar = new Distribution();
  business: Distribution | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly percentiles: readonly number[] = [],
  ) {
    this.business = clock.hasBusinessHours ? new Distribution() : undefined;
  }

  /**
   * Adds toMs − fromMs, less the paused spans (flattened [start0, end0, ...], already inside from..to). A negative
   * span (clocks of two systems, a pre-assigned chat) counts as 0: the customer did not wait less than nothing.
   */
  add(fromMs: number, toMs: number, pauses: readonly number[] = []): void {
    let ms = toMs - fromMs;
    for (let i = 0; i + 1 < pauses.length; i += 2) ms -= pauses[i + 1]! - pauses[i]!;
    this.calendar.add(Math.max(0, Math.round(ms)));
    if (this.business) {
      let seconds = toMs > fromMs ? this.clock.businessSeconds(fromMs, toMs) : 0;
      for (let i = 0; i + 1 < pauses.length; i += 2) seconds -= this.clock.businessSeconds(pauses[i]!, pauses[i + 1]!);
      this.business.add(Math.max(0, Math.round(seconds * 1000)));
    }
  }

  /** Adds a value already measured (a per-conversation mean): calendar ms and, with a schedule, business ms. */
  addMeasured(calendarMs: number, businessMs?: number): void {
    this.calendar.add(Math.max(0, Math.round(calendarMs)));
    if (this.business && businessMs !== undefined) this.business.add(Math.max(0, Math.round(businessMs)));
  }

  get count(): number {
    return this.calendar.count;
  }

  /** An independent copy under the same clock. */
  clone(): DurationDistribution {
    const copy = new DurationDistribution(this.clock, this.percentiles);
    copy.calendar = this.calendar.clone();
    copy.business = this.business?.clone();
    return copy;
  }

  /** Business seconds of a span under this distribution's clock (0 for an empty or negative span). */
  businessMs(fromMs: number, toMs: number): number {
    return toMs > fromMs ? this.clock.businessSeconds(fromMs, toMs) * 1000 : 0;
  }

  /** `{ unit: 'seconds', count, mean, median, p90, ..., max, min, business? }`. */
  result(): MetricResult {
    const out: MetricResult = { unit: 'seconds', ...this.calendar.summary(this.percentiles, 1000) };
    if (this.business) {
      const { count, mean, median, p90, max } = this.business.summary([], 1000);
      const business: { [key: string]: JsonValue } = { count, mean, median, p90, max };
      for (const p of this.percentiles) if (p !== 50 && p !== 90) business[percentileKey(p)] = round3OrNull(this.business.percentile(p), 1000);
      out.business = business;
    }
    return out;
  }
}

function round3OrNull(x: number | null, scale: number): number | null {
  return x === null ? null : round3(x / scale);
}

/** A setting from `MetricOptions.settings`, narrowed: a string among the allowed ones. */
export function settingChoice<T extends string>(settings: Readonly<Record<string, unknown>>, key: string, allowed: readonly T[]): T | undefined {
  const v = settings[key];
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** A list of numbers from settings (ignoring anything else). */
export function settingNumbers(settings: Readonly<Record<string, unknown>>, key: string): number[] {
  const v = settings[key];
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)) : [];
}

/** A list of lower-cased strings from settings. */
export function settingStrings(settings: Readonly<Record<string, unknown>>, key: string): string[] {
  const v = settings[key];
  if (typeof v === 'string') return v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((s) => s.trim().toLowerCase()) : [];
}

/** A number from settings, else the fallback. */
export function settingNumber(settings: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = settings[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
