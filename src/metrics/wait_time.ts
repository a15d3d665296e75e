// wait_time: the customer's wait before the first human answer, counting missed chats until they ended.
/**
 * DECISIONS
 * - Answered chats: requested_at → first response (as first_response_time). Missed chats: requested_at → their end
 *   (vendor end, else the last customer message), so abandoned waits are not hidden (METRICS.md §2). Open chats
 *   nobody answered: requested_at → `--as-of` (default: the latest event seen), a wait still running.
 * - `answered`, `missed` and `waiting` say how many of each are in the distribution. Vendors report only the
 *   answered part (that is first_response_time); Salesforce's "wait time" of missed chats is the missed part.
 * - Agent-initiated chats are left out.
 */
import { lastEventAt, missedWaitEnd, STATUS_OPEN } from '../conversations/batch.js';
import { DurationDistribution, Distribution } from './stats.js';
import type { Metric } from './types.js';
import { firstResponse } from './first_response_time.js';
import { has, overColumns } from './columns.js';

const waitTime: Metric = {
  id: 'wait_time',
  description: 'Wait before the first human answer, missed chats counted until they ended',
  unit: 'seconds',
  defaultField: 'median',
  needs: ['messages'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const d = new DurationDistribution(options.clock, options.percentiles);
    const waitingSince = new Distribution(); // requested_at of open unanswered chats, measured at result()
    let answered = 0;
    let missed = 0;
    let latestAt = -Infinity;
    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          const last = lastEventAt(b, i);
          if (last > latestAt) latestAt = last;
          const requestedAt = b.requestedAt[i]!;
          if (b.agentInitiated[i] === 1 || !has(requestedAt)) continue;
          const at = firstResponse(b, i, options.countBots);
          if (has(at)) {
            answered++;
            d.add(requestedAt, at);
          } else if (b.status[i] === STATUS_OPEN) {
            waitingSince.add(requestedAt);
          } else {
            missed++;
            d.add(requestedAt, missedWaitEnd(b, i));
          }
        }
      },
      result() {
        // Running waits are measured on a copy: the fold may go on after a result.
        const all = d.clone();
        const asOf = options.asOf ?? latestAt;
        let waiting = 0;
        if (Number.isFinite(asOf)) {
          for (const [requestedAt, n] of waitingSince.entries()) {
            for (let i = 0; i < n; i++) all.add(requestedAt, asOf);
            waiting += n;
          }
        }
        return { ...all.result(), answered, missed, waiting };
      },
    });
  },
};

export default waitTime;
