// chats: conversations in the period, split by status, with the agent-initiated ones counted apart.
/**
 * DECISIONS
 * - Every conversation the engine passes counts, agent-initiated (outbound, campaign) ones included: they are work
 *   the team did. `agent_initiated` says how many, so `value − agent_initiated` is the customers' requests. Vendors
 *   differ: LiveChat counts only customer-started chats, Zendesk every ticket whatever its channel.
 * - Status is the conversation's (METRICS.md: the vendor's status field wins where present).
 */
import { STATUS_MISSED, STATUS_OPEN } from '../conversations/batch.js';
import type { Metric } from './types.js';
import { overColumns } from './columns.js';

const chats: Metric = {
  id: 'chats',
  description: 'Conversations in the period, by status (open, missed, resolved) and agent-initiated',
  unit: 'count',
  defaultField: 'value',
  needs: [],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    const byStatus = { open: 0, missed: 0, resolved: 0 };
    let total = 0;
    let agentInitiated = 0;
    return overColumns({
      addBatch(b) {
        total += b.size;
        for (let i = 0; i < b.size; i++) {
          const status = b.status[i]!;
          if (status === STATUS_OPEN) byStatus.open++;
          else if (status === STATUS_MISSED) byStatus.missed++;
          else byStatus.resolved++;
          agentInitiated += b.agentInitiated[i]!;
        }
      },
      result: () => ({ value: total, by_status: { ...byStatus }, agent_initiated: agentInitiated }),
    });
  },
};

export default chats;
