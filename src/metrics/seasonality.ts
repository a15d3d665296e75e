// seasonality: conversation counts by month and by weekday, to plan staffing across the year.
/**
 * DECISIONS
 * - Buckets are the report's zone (`--tz`) from requested_at (first event for outbound ones). Months are listed
 *   as seen (`2026-03`); weekdays always all seven, so an empty Sunday reads 0. `by_weekday_mean` divides each
 *   weekday's count by the number of such days between the first and last day seen, for a fair comparison.
 */
import { ratio } from './stats.js';
import { WEEKDAYS } from './volume_heatmap.js';
import type { Metric } from './types.js';

const DAY_MS = 86_400_000;

const seasonality: Metric = {
  id: 'seasonality',
  description: 'Conversations by month and by weekday',
  unit: 'count',
  defaultField: 'value',
  needs: [],
  isDefault: false,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const byMonth = new Map<string, number>();
    const byWeekday = Array.from({ length: 7 }, () => 0);
    let firstDay = Infinity;
    let lastDay = -Infinity;
    let total = 0;
    return {
      add(c) {
        const at = c.requestedAt ?? c.firstEventAt;
        if (!Number.isFinite(at)) return;
        total++;
        const month = options.clock.monthKey(at);
        byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
        byWeekday[options.clock.weekday(at) - 1]!++;
        const day = Date.parse(`${options.clock.dayKey(at)}T00:00:00Z`) / DAY_MS;
        firstDay = Math.min(firstDay, day);
        lastDay = Math.max(lastDay, day);
      },
      result() {
        const months: Record<string, number> = {};
        for (const key of [...byMonth.keys()].sort()) months[key] = byMonth.get(key)!;
        const weekdays: Record<string, number> = {};
        const means: Record<string, number | null> = {};
        WEEKDAYS.forEach((day, i) => {
          weekdays[day] = byWeekday[i]!;
          // days of weekday i (0 = Monday) between firstDay and lastDay; day number 0 (1970-01-01) was a Thursday
          let n = 0;
          if (Number.isFinite(firstDay)) for (let d = firstDay; d <= lastDay; d++) if ((d + 3) % 7 === i) n++;
          means[day] = ratio(byWeekday[i]!, n);
        });
        return { value: total, by_month: months, by_weekday: weekdays, by_weekday_mean: means };
      },
    };
  },
};

export default seasonality;
