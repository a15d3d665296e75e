// chats_per_day: distribution of daily conversation counts (days without chats count as 0), the busiest day, the series.
/**
 * DECISIONS
 * - A conversation's day is its requested_at (first event for outbound ones) in the report's zone (`--tz`).
 * - Days run from the first to the last day seen; days in between with no conversation count 0, since a quiet day
 *   is part of the demand (a spreadsheet COUNTIF over a date list does the same). Days outside the data are not
 *   invented: the period's edges are the data's.
 * - `value` is the mean per day. `series` holds every day, for trend charts.
 */
import { Distribution, round3 } from './stats.js';
import type { Metric } from './types.js';
import { has, overColumns } from './columns.js';

const DAY_MS = 86_400_000;

/** `2026-01-05` ↔ UTC day number; the keys are already in the report's zone, so plain UTC arithmetic walks them. */
const dayNumber = (key: string): number => Date.parse(`${key}T00:00:00Z`) / DAY_MS;
const dayKeyOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

const chatsPerDay: Metric = {
  id: 'chats_per_day',
  description: 'Daily conversation counts: mean, percentiles, busiest day, and the daily series',
  unit: 'count',
  defaultField: 'value',
  needs: [],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const perDay = new Map<string, number>();
    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          const requestedAt = b.requestedAt[i]!;
          const key = options.clock.dayKey(has(requestedAt) ? requestedAt : b.firstEventAt[i]!);
          if (key !== '') perDay.set(key, (perDay.get(key) ?? 0) + 1);
        }
      },
      result() {
        const keys = [...perDay.keys()].sort();
        const series: Record<string, number> = {};
        const d = new Distribution();
        let busiest: string | null = null;
        if (keys.length > 0) {
          for (let n = dayNumber(keys[0]!); n <= dayNumber(keys[keys.length - 1]!); n++) {
            const key = dayKeyOf(n);
            const count = perDay.get(key) ?? 0;
            series[key] = count;
            d.add(count);
            if (busiest === null || count > series[busiest]!) busiest = key;
          }
        }
        const { count: days, mean, ...rest } = d.summary(options.percentiles);
        return {
          value: mean === null ? null : round3(mean),
          days,
          total: d.sum,
          mean,
          ...rest,
          busiest_day: busiest,
          series,
        };
      },
    });
  },
};

export default chatsPerDay;
