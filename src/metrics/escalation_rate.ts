// escalation_rate: answered conversations raised to another channel (call, video, co-browse, email) / answered.
/**
 * DECISIONS
 * - Denominator: conversations with a public human agent message, as transfer_rate. Escalations are the
 *   adapters' `escalated` events (LiveChat's "upgraded to call", Zendesk's channel change); a transfer between
 *   agents is not an escalation.
 */
import { ratio } from './stats.js';
import type { Metric } from './types.js';
import { overColumns } from './columns.js';

const escalationRate: Metric = {
  id: 'escalation_rate',
  description: 'Answered chats raised to another channel (call, video, co-browse, email) / answered chats',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['humanReplies'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    let answered = 0;
    let escalated = 0;
    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          if (b.agentMessages[i] === 0) continue;
          answered++;
          if (b.escalations[i]! > 0) escalated++;
        }
      },
      result: () => ({ value: ratio(escalated, answered), escalated, count: answered }),
    });
  },
};

export default escalationRate;
