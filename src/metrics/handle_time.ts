// handle_time (AHT): chat_duration + wrap_up_time, from the first message to the end of after-chat work.
/**
 * DECISIONS
 * - Span: first message → the later of ended_at and the wrap-up time, i.e. chat_duration plus a non-negative
 *   wrap_up_time. Conversations without wrap-up contribute their chat duration (the export has no after-chat work to
 *   add); Salesforce AHT counts from acceptance instead of the first message, which differs by the queue time.
 * - Every conversation with messages counts, agent-initiated included (handling is work however it started).
 */
import { has } from './columns.js';
import { durationMetric } from './duration-metric.js';

export default durationMetric({
  id: 'handle_time',
  description: 'Handle time: chat duration plus wrap-up time (AHT)',
  needs: ['messages'],
  readsPeople: false,
  readsReplies: false,
  span(b, i, _options, out) {
    const from = b.firstMessageAt[i]!;
    const ended = b.endedAt[i]!;
    if (!has(from) || !has(ended)) return false;
    const wrappedUp = b.wrappedUpAt[i]!;
    out[0] = from;
    out[1] = has(wrappedUp) ? Math.max(ended, wrappedUp) : ended;
    return true;
  },
});
