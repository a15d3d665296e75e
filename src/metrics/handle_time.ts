// handle_time (AHT): chat_duration + wrap_up_time, from the first message to the end of after-chat work.
/**
 * DECISIONS
 * - Span: first message → the later of ended_at and the wrap-up time, i.e. chat_duration plus a non-negative
 *   wrap_up_time. Conversations without wrap-up contribute their chat duration (the export has no after-chat work to
 *   add); Salesforce AHT counts from acceptance instead of the first message, which differs by the queue time.
 * - Every conversation with messages counts, agent-initiated included (handling is work however it started).
 */
import { has } from './columns.js';
import { durationMetric, spanOf } from './duration-metric.js';

export default durationMetric({
  id: 'handle_time',
  description: 'Handle time: chat duration plus wrap-up time (AHT)',
  needs: ['messages'],
  readsPeople: false,
  readsReplies: false,
  span(b, i, _options, out) {
    // a wrap-up after the end extends it (Math.max of a missing end is NaN: no span)
    const ended = b.endedAt[i]!;
    const wrappedUp = b.wrappedUpAt[i]!;
    return spanOf(out, b.firstMessageAt[i]!, has(wrappedUp) ? Math.max(ended, wrappedUp) : ended);
  },
});
