// service_level: share of requested chats answered by a human within T seconds (default 20 s), with named denominators.
/**
 * DECISIONS
 * - Numerator: customer-requested chats whose first response (first_response_time's end) came within T, T included.
 * - Denominator (`settings.serviceLevelDenominator`, the output names it as `variant`):
 *   - `offered` (default, METRICS.md §2): every requested chat; missed chats count as failures.
 *   - `answered`: answered chats only (LiveChat's and Intercom's "within SLA" views read this way; flatters teams
 *     that miss chats).
 *   - `abandoned_neutral`: missed chats that ended within T are left out (the customer left before the target
 *     could be missed; the call-centre convention).
 *   - `short_abandon_removed`: unanswered chats that ended within `--short-abandon S` are left out, and
 *     `short_abandoned` says how many (METRICS.md). Chosen by default when --short-abandon is given.
 * - Open chats nobody has answered yet: a failure once their age at `--as-of` (default: the latest event seen)
 *   exceeds T (`waiting`), left out while still inside T: their outcome is not known yet.
 * - A missed chat's wait ends at its end time (vendor end, else last message); agent-initiated chats are left out.
 * - `by_threshold` holds the share at every T in `settings.serviceLevelThresholds` (targets naming another T).
 *   All of it comes from histograms of waits, so any T is answered exactly without keeping conversations.
 */
import { lastEventAt, missedWaitEnd, STATUS_OPEN } from '../conversations/batch.js';
import { Distribution, ratio, settingChoice, settingNumbers } from './stats.js';
import type { Metric } from './types.js';
import { firstResponse } from './first_response_time.js';
import { has, overColumns } from './columns.js';

export const DENOMINATORS = ['offered', 'answered', 'abandoned_neutral', 'short_abandon_removed'] as const;
export type Denominator = (typeof DENOMINATORS)[number];

const serviceLevel: Metric = {
  id: 'service_level',
  description: 'Share of requested chats answered within T seconds (default 20 s); missed chats count as failures',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['messages'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const answered = new Distribution(); // ms from request to first response
    const unanswered = new Distribution(); // ms from request to the end of a missed chat
    const waitingSince = new Distribution(); // requested_at of open unanswered chats
    let requested = 0;
    let latestAt = -Infinity;
    const shortAbandonMs = options.shortAbandonSeconds !== undefined ? options.shortAbandonSeconds * 1000 : undefined;
    const variant: Denominator =
      settingChoice(options.settings, 'serviceLevelDenominator', DENOMINATORS) ?? (shortAbandonMs !== undefined ? 'short_abandon_removed' : 'offered');

    const share = (seconds: number) => {
      const t = seconds * 1000;
      const asOf = options.asOf ?? latestAt;
      const within = answered.countAtMost(t);
      // requested strictly before asOf − T: waited longer than T
      const waiting = Number.isFinite(asOf) ? waitingSince.countAtMost(asOf - t - 0.5) : 0;
      const missedWithin = unanswered.countAtMost(t);
      const shortAbandoned = variant === 'short_abandon_removed' && shortAbandonMs !== undefined ? unanswered.countAtMost(shortAbandonMs) : 0;
      let denominator = answered.count + unanswered.count + waiting;
      if (variant === 'answered') denominator = answered.count;
      else if (variant === 'abandoned_neutral') denominator -= missedWithin;
      else if (variant === 'short_abandon_removed') denominator -= shortAbandoned;
      return { value: ratio(within, denominator), within, waiting, missedWithin, shortAbandoned, denominator };
    };

    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          const last = lastEventAt(b, i);
          if (last > latestAt) latestAt = last;
          const requestedAt = b.requestedAt[i]!;
          if (b.agentInitiated[i] === 1 || !has(requestedAt)) continue;
          requested++;
          const at = firstResponse(b, i, options.countBots);
          if (has(at)) answered.add(Math.max(0, at - requestedAt));
          else if (b.status[i] === STATUS_OPEN) waitingSince.add(requestedAt);
          else unanswered.add(Math.max(0, missedWaitEnd(b, i) - requestedAt));
        }
      },
      result() {
        const main = share(options.serviceLevelSeconds);
        const thresholds = [...new Set([options.serviceLevelSeconds, ...settingNumbers(options.settings, 'serviceLevelThresholds')])];
        const byThreshold: Record<string, number | null> = {};
        for (const t of thresholds.sort((a, b) => a - b)) byThreshold[String(t)] = share(t).value;
        return {
          value: main.value,
          threshold_seconds: options.serviceLevelSeconds,
          variant,
          count: requested,
          denominator: main.denominator,
          answered: answered.count,
          answered_within: main.within,
          missed: unanswered.count,
          waiting: main.waiting,
          ...(variant === 'abandoned_neutral' ? { abandoned_within_threshold: main.missedWithin } : {}),
          short_abandoned: main.shortAbandoned,
          ...(variant === 'short_abandon_removed' ? { short_abandon_seconds: options.shortAbandonSeconds ?? null } : {}),
          by_threshold: byThreshold,
          ...(options.countBots ? { counts_bots: true } : {}),
        };
      },
    });
  },
};

export default serviceLevel;
