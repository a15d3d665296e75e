// longest_customer_wait: per conversation, the longest reply wait; distribution over conversations.
/**
 * DECISIONS
 * - The waits are response_time's (a run of customer messages to the next human reply); a conversation's figure is
 *   its longest one, so one bad gap in a long chat shows even when the mean reply time looks fine. No vendor reports
 *   it; Zendesk's "requester wait time" is the sum, not the maximum.
 * - Conversations with no answered wait are left out (wait_time covers missed chats). Agent-initiated: left out.
 * - Business time is measured on the calendar-longest wait.
 */
import { durationMetric } from './duration-metric.js';

export default durationMetric({
  id: 'longest_customer_wait',
  description: 'Per conversation, the longest wait for a human reply; distribution over conversations',
  needs: ['messages'],
  readsPeople: false,
  span(c, _options, out) {
    if (c.isAgentInitiated) return false;
    const w = c.replyWaits;
    let best = -1; // the longest wait's index, the first of equals
    for (let i = 0; i + 1 < w.length; i += 2) {
      if (best < 0 || w[i + 1]! - w[i]! > w[best + 1]! - w[best]!) best = i;
    }
    if (best < 0) return false;
    out[0] = w[best]!;
    out[1] = w[best + 1]!;
    return true;
  },
});
