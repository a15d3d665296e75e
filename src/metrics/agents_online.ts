// agents_online: distinct agents handling chats per hour of week, averaged over the weeks observed.
/**
 * DECISIONS
 * - Exports have no presence log, so presence is inferred: an agent is online in an hour when they replied in it
 *   or were handling a chat then (assignment, else first response, to the end; cut at 12 hours so an overnight
 *   ticket does not count). Agents online but idle are invisible: read it as a lower bound of the roster.
 * - Each hour-of-week cell is the mean over the occurrences of that hour between the first and last hour with
 *   activity (a quiet Tuesday 03:00 counts as 0 agents). Buckets are in `--tz`.
 * - Memory: one set of agent names per active hour.
 */
import { byWeekday, Presence } from './presence.js';
import { round3 } from './stats.js';
import { WEEKDAYS } from './volume_heatmap.js';
import type { Metric } from './types.js';

const agentsOnline: Metric = {
  id: 'agents_online',
  description: 'Distinct agents handling chats per hour of week (mean over the weeks observed)',
  unit: 'count',
  defaultField: 'value',
  needs: ['humanReplies'],
  isDefault: false,
  create(options) {
    const presence = new Presence();
    return {
      add: (c) => presence.add(c),
      result() {
        const { means } = presence.meansByCell(options.clock);
        let peak = -1;
        means.forEach((m, i) => {
          if (peak === -1 || m > means[peak]!) peak = i;
        });
        const hasData = Number.isFinite(presence.firstHour);
        return {
          value: hasData ? round3(means[peak]!) : null,
          peak: hasData ? { weekday: WEEKDAYS[Math.floor(peak / 24)]!, hour: peak % 24, agents: round3(means[peak]!) } : null,
          cells: byWeekday(means, round3),
        };
      },
    };
  },
};

export default agentsOnline;
