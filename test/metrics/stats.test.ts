import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Distribution, DurationDistribution, ratio, round3 } from '../../src/metrics/stats.js';
import { calendarClock } from '../../src/time/clock.js';
import { businessClock } from './options.js';

const dist = (...values: number[]): Distribution => {
  const d = new Distribution();
  for (const v of values) d.add(v);
  return d;
};

describe('Distribution', () => {
  it('interpolates percentiles between closest ranks (PERCENTILE.INC)', () => {
    // [1,2,3,4]: median h=1.5 → 2.5; p90 h=2.7 → 3 + 0.7·1 = 3.7; p25 h=0.75 → 1.75
    const d = dist(4, 1, 3, 2);
    expect(d.percentile(50)).toBeCloseTo(2.5, 9);
    expect(d.percentile(90)).toBeCloseTo(3.7, 9);
    expect(d.percentile(25)).toBeCloseTo(1.75, 9);
    expect(d.percentile(0)).toBe(1);
    expect(d.percentile(100)).toBe(4);
  });

  it('counts repeated values in the histogram as separate ranks', () => {
    // [10,10,20,40]: median h=1.5 → 15; p90 h=2.7 → 20 + 0.7·20 = 34; p75 h=2.25 → 25; mean 20
    const d = dist(10, 20, 10, 40);
    expect(d.count).toBe(4);
    expect(d.mean).toBe(20);
    expect(d.percentile(50)).toBe(15);
    expect(d.percentile(90)).toBeCloseTo(34, 9);
    expect(d.summary([75])).toEqual({ count: 4, mean: 20, median: 15, p90: 34, p75: 25, max: 40, min: 10 });
    expect(d.entries()).toEqual([[10, 2], [20, 1], [40, 1]]);
  });

  it('counts values at most x', () => {
    const d = dist(10, 10, 20, 40);
    expect([d.countAtMost(5), d.countAtMost(10), d.countAtMost(15), d.countAtMost(40), d.countAtMost(99)]).toEqual([0, 2, 2, 4, 4]);
  });

  it('an empty distribution has count 0 and null figures', () => {
    expect(dist().summary()).toEqual({ count: 0, mean: null, median: null, p90: null, max: null, min: null });
  });

  it('a single value is every percentile', () => {
    expect(dist(7).summary([99])).toEqual({ count: 1, mean: 7, median: 7, p90: 7, p99: 7, max: 7, min: 7 });
  });

  it('ignores non-finite values', () => {
    expect(dist(Number.NaN, 3, Number.POSITIVE_INFINITY).count).toBe(1);
  });
});

describe('DurationDistribution', () => {
  const T = Date.UTC(2026, 0, 5, 9, 0, 0); // Monday 09:00 UTC
  it('reports seconds rounded to 3 decimals', () => {
    const d = new DurationDistribution(calendarClock());
    d.add(T, T + 1500);
    d.add(T, T + 2001);
    d.add(T, T + 10_000);
    // values 1.5, 2.001, 10 s: mean 13.501/3 = 4.500333 → 4.5; median 2.001; p90 h=1.8 → 2.001 + 0.8·7.999 = 8.4002 → 8.4
    expect(d.result()).toEqual({ unit: 'seconds', count: 3, mean: 4.5, median: 2.001, p90: 8.4, max: 10, min: 1.5 });
  });

  it('subtracts paused spans and clamps negative spans to 0', () => {
    const d = new DurationDistribution(calendarClock());
    d.add(T, T + 100_000, [T + 10_000, T + 40_000]); // 100 − 30 = 70 s
    d.add(T + 5000, T); // −5 s → 0
    expect(d.result()).toMatchObject({ count: 2, max: 70, min: 0 });
  });

  it('adds business seconds when the clock has a schedule', () => {
    const d = new DurationDistribution(businessClock());
    // Mon 16:00 → Tue 10:00: calendar 18 h = 64800 s; business 16–17 + 9–10 = 2 h = 7200 s
    d.add(T + 7 * 3_600_000, T + 25 * 3_600_000);
    const r = d.result();
    expect(r).toMatchObject({ count: 1, median: 64_800 });
    expect(r.business).toEqual({ count: 1, mean: 7200, median: 7200, p90: 7200, max: 7200 });
  });
});

describe('ratio', () => {
  it('is null with nothing eligible and rounded otherwise', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(2, 3)).toBe(0.666667);
    expect(round3(1.23456)).toBe(1.235);
  });
});


/** PERCENTILE.INC on a sorted copy: the definition the histogram must agree with. */
function referencePercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = ((s.length - 1) * p) / 100;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? 0) - s[lo]!);
}

describe('Distribution against a sorted-array reference', () => {
  it('percentiles, mean, min, max and countAtMost agree', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60, size: 'max' }), fc.integer({ min: 0, max: 100 }), (values, p) => {
        const d = dist(...values);
        expect(d.percentile(p)).toBeCloseTo(referencePercentile(values, p), 9);
        expect(d.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
        expect(d.min).toBe(Math.min(...values));
        expect(d.max).toBe(Math.max(...values));
        expect(d.countAtMost(25)).toBe(values.filter((v) => v <= 25).length);
      }),
    );
  });
});

describe('Distribution with whole seconds counted densely', () => {
  it('agrees with the reference on a mix of whole seconds (below and above 4,096 s), odd milliseconds and negatives', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 5000 }).map((s) => s * 1000), // dense up to 4,095 s, Map beyond
      fc.integer({ min: -3000, max: 9_000_000 }), // any millisecond
      fc.constantFrom(0.5, 1500.25),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 80, size: 'max' }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: -1000, max: 6_000_000 }), (values, p, x) => {
        const d = new Distribution();
        for (const v of values) d.add(v);
        expect(d.percentile(p)).toBeCloseTo(referencePercentile(values, p), 6);
        expect(d.min).toBe(Math.min(...values));
        expect(d.max).toBe(Math.max(...values));
        expect(d.countAtMost(x)).toBe(values.filter((v) => v <= x).length);
        const counts = new Map<number, number>();
        for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
        expect(d.entries()).toEqual([...counts].sort((a, b) => a[0] - b[0]));
        expect(d.clone().entries()).toEqual(d.entries());
      }),
    );
  });
});
