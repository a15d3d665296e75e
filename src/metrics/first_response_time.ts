// first_response_time: first public human reply − requested_at, over answered customer-requested conversations.
/**
 * DECISIONS
 * - Start: requested_at, the customer's first message or the chat request/ticket creation if earlier. Zendesk starts
 *   at ticket creation too; Chatwoot restarts the clock after a bot hand-off and after reopens (`--as chatwoot`).
 * - End: the first public human agent message at or after requested_at. Internal notes never count; bot messages and
 *   auto-replies count only with `--count-bots`, and then the result says `counts_bots: true`.
 * - Excluded: agent-initiated conversations (nobody waited) and unanswered ones (wait_time and service_level count
 *   those, so they are not hidden). Attribution under `--group-by agent`: the first responder.
 * - Business hours example: requested Mon 16:50, answered Tue 09:10 with mon-fri 09:00-17:00 → calendar 58 800 s,
 *   business 600 + 600 = 1 200 s.
 */
import type { ConversationBatch } from '../conversations/batch.js';
import { DurationDistribution } from './stats.js';
import type { Metric } from './types.js';
import { has, overColumns } from './columns.js';

/**
 * Row i's first response (NaN: none): the first human reply, or with --count-bots the first bot reply when earlier.
 * Service level and wait time end their waits here too.
 */
export function firstResponse(b: ConversationBatch, i: number, countBots: boolean): number {
  const human = b.firstResponseAt[i]!;
  if (!countBots) return human;
  const bot = b.firstBotResponseAt[i]!;
  if (!has(bot)) return human;
  return has(human) ? Math.min(human, bot) : bot;
}

const firstResponseTime: Metric = {
  id: 'first_response_time',
  description: 'First public human reply − request time, over answered chats (FRT)',
  unit: 'seconds',
  defaultField: 'median',
  needs: ['messages'],
  isDefault: true,
  readsPeople: false,
  readsReplies: false,
  create(options) {
    const d = new DurationDistribution(options.clock, options.percentiles);
    return overColumns({
      addBatch(b) {
        for (let i = 0; i < b.size; i++) {
          const requested = b.requestedAt[i]!;
          if (b.agentInitiated[i] === 1 || !has(requested)) continue;
          const at = firstResponse(b, i, options.countBots);
          if (has(at)) d.add(requested, at);
        }
      },
      result: () => ({ ...d.result(), ...(options.countBots ? { counts_bots: true } : {}) }),
    });
  },
};

export default firstResponseTime;
