// transfer_rate: answered conversations passed to another agent or department / answered conversations.
/**
 * DECISIONS
 * - Denominator: conversations with at least one public human agent message (agent-initiated included: a transfer
 *   is handling work). A bot hand-off to humans is a transfer event too in some exports (Chatwoot, Intercom); those
 *   conversations count, because the customer was passed on. `transfers` gives the event total.
 */
import { ratio } from './stats.js';
import type { Metric } from './types.js';
import { overColumns } from './columns.js';

const transferRate: Metric = {
  id: 'transfer_rate',
  description: 'Answered chats transferred to another agent or department / answered chats',
  unit: 'ratio',
  defaultField: 'value',
  needs: ['humanReplies'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    let answered = 0;
    let transferred = 0;
    let transfers = 0;
    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          if (b.agentMessages[i] === 0) continue;
          answered++;
          const n = b.transfers[i]!;
          if (n > 0) transferred++;
          transfers += n;
        }
      },
      result: () => ({ value: ratio(transferred, answered), transferred, transfers, count: answered }),
    });
  },
};

export default transferRate;
