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
import { DurationDistribution, Distribution } from './stats.js';
import type { Metric } from './types.js';

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
    return {
      add(c) {
        const last = c.endedAt ?? c.lastMessageAt ?? c.firstEventAt;
        if (last > latestAt) latestAt = last;
        if (c.isAgentInitiated || c.requestedAt === undefined) return;
        let at = c.firstResponseAt;
        if (options.countBots && c.firstBotResponseAt !== undefined) at = Math.min(at ?? Infinity, c.firstBotResponseAt);
        if (at !== undefined) {
          answered++;
          d.add(c.requestedAt, at);
        } else if (c.status === 'open') {
          waitingSince.add(c.requestedAt);
        } else {
          missed++;
          d.add(c.requestedAt, c.endedAt ?? c.lastCustomerMessageAt ?? c.requestedAt);
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
    };
  },
};

export default waitTime;
