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
  span(b, r, _options, out) {
    if (b.agentInitiated[r] === 1) return false;
    const w = b.waits;
    const end = b.waitsEnd[r]!;
    let best = -1; // the longest wait's index, the first of equals
    for (let i = b.waitsStart(r); i + 1 < end; i += 2) {
      if (best < 0 || w[i + 1]! - w[i]! > w[best + 1]! - w[best]!) best = i;
    }
    if (best < 0) return false;
    out[0] = w[best]!;
    out[1] = w[best + 1]!;
    return true;
  },
});
