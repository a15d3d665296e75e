// missed_rate: requested chats no human agent answered, over requested chats.
/**
 * DECISIONS
 * - Denominator: customer-requested conversations; agent-initiated ones are left out (nobody asked, so none can be
 *   missed). Open conversations are in it: a chat still waiting at the end of the data is not yet missed.
 * - Missed is the conversation status (no human answer, or the vendor's own `missed`), so bots do not rescue a
 *   chat. LiveChat and Salesforce count their own "missed" flag the same way; `--count-bots` does not change it.
 */
import { STATUS_MISSED } from '../conversations/batch.js';
import { ratio } from './stats.js';
import type { Metric } from './types.js';
import { overColumns } from './columns.js';

const missedRate: Metric = {
  id: 'missed_rate',
  description: 'Requested chats that no human agent answered / requested chats',
  unit: 'ratio',
  defaultField: 'value',
  needs: [],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    let chats = 0;
    let missed = 0;
    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          if (b.agentInitiated[i] === 1) continue;
          chats++;
          if (b.status[i] === STATUS_MISSED) missed++;
        }
      },
      result: () => ({ value: ratio(missed, chats), missed, count: chats }),
    });
  },
};

export default missedRate;
