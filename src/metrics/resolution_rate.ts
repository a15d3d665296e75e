// resolution_rate: resolved conversations / chats.
/**
 * DECISIONS
 * - Denominator: every conversation, as `chats.value` (agent-initiated included), so `resolution_rate ×
 *   chats.value` is `chats.by_status.resolved`. Resolved is the status rule: ended or solved with a human answer
 *   (the vendor's status wins). Open conversations are in the denominator: not resolved yet.
 */
import { STATUS_RESOLVED } from '../conversations/batch.js';
import { ratio } from './stats.js';
import type { Metric } from './types.js';
import { overColumns } from './columns.js';

const resolutionRate: Metric = {
  id: 'resolution_rate',
  description: 'Resolved conversations / chats',
  unit: 'ratio',
  defaultField: 'value',
  needs: [],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create() {
    let chats = 0;
    let resolved = 0;
    return overColumns({
      addBatch(b) {
        chats += b.size;
        for (let i = 0; i < b.size; i++) if (b.status[i] === STATUS_RESOLVED) resolved++;
      },
      result: () => ({ value: ratio(resolved, chats), resolved, count: chats }),
    });
  },
};

export default resolutionRate;
