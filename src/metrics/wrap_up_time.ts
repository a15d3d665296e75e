// wrap_up_time: after-chat work, from the chat's end to the agent's close/disposition.
/**
 * DECISIONS
 * - Start: ended_at (vendor end, else last message). End: the last wrapped_up event. Only exports that record
 *   wrap-up (Salesforce "After Conversation Work", Genesys ACW) support it; elsewhere it is unavailable.
 * - A wrap-up logged before the end (agents closing the form mid-chat) counts 0 s.
 * - Every conversation with a wrap-up counts, agent-initiated ones included: it is agent work either way.
 */
import { durationMetric, spanOf } from './duration-metric.js';

export default durationMetric({
  id: 'wrap_up_time',
  description: 'After-chat work: wrap-up time − chat end',
  needs: ['wrapUp'],
  readsPeople: false,
  readsReplies: false,
  span: (b, i, _options, out) => spanOf(out, b.endedAt[i]!, b.wrappedUpAt[i]!),
});
