// queue_time: assigned_at − requested_at: how long until a human agent accepted (acknowledged) the chat.
/**
 * DECISIONS
 * - Start: requested_at. End: the first assignment to a human (bot assignments are ignored by the fold).
 *   LiveChat's "queue time" and Salesforce's "wait time" end at acceptance the same way; Zendesk has no such event,
 *   so the metric is unavailable there (`needs: assignment`).
 * - A chat assigned before the customer wrote (pre-routed) counts 0 s, not a negative wait.
 * - Agent-initiated chats and chats never assigned are left out.
 */
import { durationMetric, spanOf } from './duration-metric.js';

export default durationMetric({
  id: 'queue_time',
  description: 'Assignment time − request time: how long until an agent accepted the chat',
  needs: ['assignment'],
  readsPeople: false,
  readsReplies: false,
  span: (b, i, _options, out) => b.agentInitiated[i] === 0 && spanOf(out, b.requestedAt[i]!, b.assignedAt[i]!),
});
