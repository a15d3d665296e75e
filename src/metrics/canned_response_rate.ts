// canned_response_rate: public agent messages that are canned responses / public agent messages.
/**
 * DECISIONS
 * - Canned is the vendor's own flag on the message (LiveChat canned responses, Zendesk macros, Chatwoot canned
 *   responses), as adapters set it. METRICS.md also allows matching a user list of texts or detecting reuse; those
 *   are not done yet, so an export without the flag makes the metric unavailable rather than 0%.
 * - Only public human messages count (bots and internal notes are not agent replies).
 */
import { ratio } from './stats.js';
import type { Metric } from './types.js';

const cannedResponseRate: Metric = {
  id: 'canned_response_rate',
  description: 'Agent messages that are canned responses / agent messages',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['canned'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    let agentMessages = 0;
    let canned = 0;
    return {
      add(c) {
        agentMessages += c.agentMessages;
        canned += c.cannedMessages;
      },
      result: () => ({ value: ratio(canned, agentMessages), canned, agent_messages: agentMessages }),
    };
  },
};

export default cannedResponseRate;
