// chat_duration: ended_at − first message, over conversations with messages.
/**
 * DECISIONS
 * - Start: the first public message by anyone (a bot greeting included: the chat was running). End: the vendor's
 *   end/close time, else the last message (the conversation model's ended_at). LiveChat's "chat duration" is the
 *   same span; Zendesk Chat measures from the chat request, which differs only when the request came before any
 *   message.
 * - Agent-initiated and missed chats are included: a duration is the length of the conversation, whoever started it.
 */
import { durationMetric, spanOf } from './duration-metric.js';

export default durationMetric({
  id: 'chat_duration',
  description: 'Chat length: end time − first message',
  needs: ['messages'],
  readsPeople: false,
  readsReplies: false,
  span: (b, i, _options, out) => spanOf(out, b.firstMessageAt[i]!, b.endedAt[i]!),
});
