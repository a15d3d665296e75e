// response_time: every reply delay within conversations: each run of customer messages to the next human reply.
/**
 * DECISIONS
 * - A wait starts at the first public customer message of a run and ends at the next public human reply (bots only
 *   with `--count-bots`); internal notes never end a wait. A wait nobody answered is not a reply time (wait_time and
 *   longest_customer_wait speak for it).
 * - Each wait weighs the same (Intercom, Zendesk "reply time"), so long chats weigh more. Rocket.Chat averages per
 *   conversation first: `settings.responseTimeAveraging: 'per_conversation'` (set by `--as rocketchat`) makes the
 *   distribution one value per conversation, its mean wait; the result says `averaging`.
 * - Agent-initiated conversations are left out, as in every response metric (the conversation model).
 */
import { DurationDistribution, settingChoice } from './stats.js';
import type { Metric } from './types.js';
import { overColumns } from './columns.js';

const responseTime: Metric = {
  id: 'response_time',
  description: 'Every agent reply delay (customer message run → next human reply), mean and percentiles',
  unit: 'seconds',
  defaultField: 'median',
  needs: ['messages'],
  isDefault: true,
  readsPeople: false,
  create(options) {
    const d = new DurationDistribution(options.clock, options.percentiles);
    const averaging = settingChoice(options.settings, 'responseTimeAveraging', ['per_reply', 'per_conversation'] as const) ?? 'per_reply';
    return overColumns({
      addBatch(b) {
        const w = b.waits;
        for (let r = 0; r < b.size; r++) {
          if (b.agentInitiated[r] === 1) continue;
          const start = b.waitsStart(r);
          const end = b.waitsEnd[r]!;
          if (averaging === 'per_reply') {
            for (let i = start; i + 1 < end; i += 2) d.add(w[i]!, w[i + 1]!);
            continue;
          }
          const pairs = (end - start) >> 1;
          if (pairs === 0) continue;
          let calendar = 0;
          let business = 0;
          for (let i = start; i + 1 < end; i += 2) {
            calendar += Math.max(0, w[i + 1]! - w[i]!);
            business += d.businessMs(w[i]!, w[i + 1]!);
          }
          d.addMeasured(calendar / pairs, business / pairs);
        }
      },
      result: () => ({ ...d.result(), averaging }),
    });
  },
};

export default responseTime;
