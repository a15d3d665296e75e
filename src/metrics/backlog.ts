// backlog: conversations still open at the end of the data (or --as-of), their age, and who waits past the target.
/**
 * DECISIONS
 * - Open is the conversation status at the end of the data. Age runs from requested_at (first event for outbound
 *   conversations) to `--as-of`, default the latest event seen in this fold's conversations.
 * - Awaiting a reply: open and either unanswered (since requested_at) or the customer wrote after the last reply
 *   (since that last customer message: a lower bound, the fold keeps no earlier start of the run). `over_target`
 *   counts those waiting longer than the response target: `settings.backlogTargetSeconds`, else T of the service
 *   level. `oldest_queue_delay` is the longest wait of an unanswered open chat (Zendesk's "oldest unsolved").
 */
import { lastEventAt, STATUS_OPEN } from '../conversations/batch.js';
import { Distribution, round3, settingNumber } from './stats.js';
import type { Metric } from './types.js';
import { has, overColumns } from './columns.js';

const backlog: Metric = {
  id: 'backlog',
  description: 'Open conversations at the end of the data: age, how many wait past the response target, oldest queue delay',
  unit: 'count',
  defaultField: 'value',
  needs: [],
  isDefault: true,
  readsPeople: false,
  create(options) {
    const openSince = new Distribution();
    const awaitingSince = new Distribution();
    const unansweredSince = new Distribution();
    let latestAt = -Infinity;
    const targetSeconds = settingNumber(options.settings, 'backlogTargetSeconds', options.serviceLevelSeconds);
    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          const last = lastEventAt(b, i);
          if (last > latestAt) latestAt = last;
          if (b.status[i] !== STATUS_OPEN) continue;
          const requestedAt = b.requestedAt[i]!;
          openSince.add(has(requestedAt) ? requestedAt : b.firstEventAt[i]!);
          const end = b.waitsEnd[i]!;
          const lastReplyAt = end > b.waitsStart(i) ? b.waits[end - 1]! : Number.NaN;
          const lastCustomerAt = b.lastCustomerMessageAt[i]!;
          if (!has(b.firstResponseAt[i]!) && has(requestedAt)) {
            unansweredSince.add(requestedAt);
            awaitingSince.add(requestedAt);
          } else if (has(lastCustomerAt) && (!has(lastReplyAt) || lastCustomerAt > lastReplyAt)) {
            awaitingSince.add(lastCustomerAt);
          }
        }
      },
      result() {
        const asOf = options.asOf ?? latestAt;
        const ages = new Distribution();
        for (const [since, n] of openSince.entries()) ages.add(Math.max(0, asOf - since), n);
        const targetMs = targetSeconds * 1000;
        // awaiting since strictly before asOf − target: waited longer than the target
        const overTarget = Number.isFinite(asOf) ? awaitingSince.countAtMost(asOf - targetMs - 0.5) : 0;
        const oldest = unansweredSince.min;
        return {
          value: openSince.count,
          awaiting_reply: awaitingSince.count,
          unanswered: unansweredSince.count,
          over_target: overTarget,
          target_seconds: targetSeconds,
          oldest_queue_delay: oldest === null || !Number.isFinite(asOf) ? null : round3(Math.max(0, asOf - oldest) / 1000),
          age: { unit: 'seconds', ...ages.summary(options.percentiles, 1000) },
          as_of: Number.isFinite(asOf) ? new Date(asOf).toISOString() : null,
        };
      },
    });
  },
};

export default backlog;
