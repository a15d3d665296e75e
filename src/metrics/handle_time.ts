// handle_time (AHT): chat_duration + wrap_up_time, from the first message to the end of after-chat work.
/**
 * DECISIONS
 * - Span: first message → the later of ended_at and the wrap-up time, i.e. chat_duration plus a non-negative
 *   wrap_up_time. Conversations without wrap-up contribute their chat duration (the export has no after-chat work to
 *   add); Salesforce AHT counts from acceptance instead of the first message, which differs by the queue time.
 * - Every conversation with messages counts, agent-initiated included (handling is work however it started).
 */
import { durationMetric } from './duration-metric.js';

export default durationMetric({
  id: 'handle_time',
  description: 'Handle time: chat duration plus wrap-up time (AHT)',
  needs: ['messages'],
  readsPeople: false,
  readsReplies: false,
  span(c, _options, out) {
    if (c.firstMessageAt === undefined || c.endedAt === undefined) return false;
    out[0] = c.firstMessageAt;
    out[1] = Math.max(c.endedAt, c.wrappedUpAt ?? c.endedAt);
    return true;
  },
});
