// volume_heatmap: conversation counts by weekday × hour of day in the report's zone, with the busiest hours named.
/**
 * DECISIONS
 * - A conversation counts in the hour of its requested_at (first event for outbound ones), in `--tz`. Counts are
 *   totals over the period, not averages per week (divide by the weeks yourself; chats_per_day has the days).
 * - `cells` is keyed by weekday (`mon`..`sun`) with 24 counts each; `busiest` lists the three busiest hours.
 */
import type { Metric } from './types.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const volumeHeatmap: Metric = {
  id: 'volume_heatmap',
  description: 'Conversations by weekday x hour of day in the report time zone; busiest hours named',
  unit: 'count',
  defaultField: 'value',
  needs: [],
  isDefault: false,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const cells = Array.from({ length: 7 * 24 }, () => 0);
    let total = 0;
    return {
      add(c) {
        const at = c.requestedAt ?? c.firstEventAt;
        if (!Number.isFinite(at)) return;
        cells[(options.clock.weekday(at) - 1) * 24 + options.clock.hourOfDay(at)]!++;
        total++;
      },
      result() {
        const byDay: Record<string, number[]> = {};
        WEEKDAYS.forEach((day, i) => (byDay[day] = cells.slice(i * 24, i * 24 + 24)));
        const busiest = cells
          .map((count, i) => ({ weekday: WEEKDAYS[Math.floor(i / 24)]!, hour: i % 24, count }))
          .filter((x) => x.count > 0)
          .sort((a, b) => b.count - a.count) // stable: ties keep weekday/hour order
          .slice(0, 3);
        return { value: total, cells: byDay, busiest };
      },
    };
  },
};

export default volumeHeatmap;
