// Metrics written over columns (ConversationBatch) give one answer whether conversations come one at a time, as
// records (the general path), or many rows to a batch, as the fast path folds them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationBatch } from '../../src/conversations/batch.js';
import type { Capability, Conversation } from '../../src/conversations/types.js';
import { addBatchCapabilities, addCapabilities, BATCH_CAPABILITIES } from '../../src/metrics/capabilities.js';
import { METRICS } from '../../src/metrics/index.js';
import { conversation, conversationWith } from '../helpers/conversation.js';
import { businessClock, options } from './options.js';

/** Every column in use: bots, missed, open and agent-initiated chats, several reply waits, transfers, reopens... */
const POOL: Conversation[] = [
  conversation('0s customer customer=c1', '20s agent:Ana', '1m customer', '3m agent:Ana', '5m ended'),
  conversation('0s customer customer=c1', '2s bot', '50s agent:Ana', '2m resolved', '2m rated:csat=5'),
  conversation('1h customer customer=c2', '1h5m ended'), // missed
  conversation('2h customer customer=c2', '2h1m customer', '2h2m status:open'), // open, unanswered
  conversation('3h agent:Bo customer=c3', '3h1m customer', '3h2m agent:Bo'), // agent-initiated
  conversation('4h customer', '4h10s bot', '4h20s bot'), // a bot alone, no customer id
  conversation('5h customer customer=c1', '5h30s agent:Ana', '5h1m transferred', '5h2m agent:Cy', '5h3m customer', '5h9m agent:Cy', '5h10m resolved', '5h10m rated:csat=2'),
  conversation('6h customer customer=c4', '6h10s assigned:Di', '6h40s agent:Di', '6h2m resolved', '6h3m reopened', '6h4m customer', '6h5m agent:Di', '6h6m resolved', '6h8m wrapped_up'),
  conversation('7h customer customer=c4', '7h1m agent:Di', '7h2m escalated', '7h3m ended', '7h3m rated:csat=1/0-1'),
  conversation('1d customer customer=c5', '1d30s agent:Ana', '1d1m customer', '1d2m customer', '1d2m30s agent:Ana', '1d4m customer', '1d9m agent:Ana', '1d10m customer', '1d11m agent:Ana', '1d12m ended'),
  conversationWith({ id: 'c11' }, '2d customer customer=c5', '2d1s agent:Ana internal', '2d2m agent:Ana', '2d3m status:pending', '2d9m status:open', '2d10m resolved'),
  conversation('8d customer customer=c1', '8d1m ended'),
  conversation('9h customer', '9h1m agent:Ana', '9h2m customer', '9h3m status:open'), // open, the customer waits again
  conversation('10h customer', '10h1m agent:Ana', '10h2m status:open'), // open, answered last
  conversation('11h agent:Bo', '11h1m customer', '11h2m status:open'), // open, agent-initiated: no wait closed yet
];

const COLUMNAR = METRICS.filter((m) => m.create(options()).addBatch !== undefined);

describe('metrics over columns', () => {
  it('cover the default report', () => {
    // the fast path folds batches only when every metric it runs takes them (the default report's sixteen)
    for (const id of ['chats', 'chats_per_day', 'missed_rate', 'first_response_time', 'wait_time', 'service_level', 'response_time', 'longest_customer_wait', 'chat_duration', 'handle_time', 'backlog', 'csat', 'fcr', 'resolution_rate', 'transfer_rate', 'escalation_rate']) {
      expect(COLUMNAR.map((m) => m.id)).toContain(id);
    }
  });

  it.each(COLUMNAR.map((m) => [m.id, m] as const))('%s: records one at a time and rows in batches of any size agree (property)', (_id, metric) => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(POOL.length - 1), { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('per_reply', 'per_conversation'),
        (picks, rows, countBots, business, averaging) => {
          const opts = options({ countBots, settings: { responseTimeAveraging: averaging }, ...(business ? { clock: businessClock() } : {}) });
          const one = metric.create(opts);
          for (const p of picks) one.add(POOL[p]!);
          const many = metric.create(opts);
          const batch = new ConversationBatch(rows);
          for (const p of picks) {
            batch.push(POOL[p]!);
            if (batch.full) {
              many.addBatch!(batch);
              batch.size = 0;
            }
          }
          if (batch.size > 0) many.addBatch!(batch);
          expect(many.result()).toEqual(one.result());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a row shows the capabilities its record shows, of those columns can show', () => {
    const batch = new ConversationBatch(1);
    for (const c of POOL) {
      const fromRecord = new Set<Capability>();
      addCapabilities(c, fromRecord);
      const fromRow = new Set<Capability>();
      batch.setRecord(c);
      addBatchCapabilities(batch, fromRow);
      expect([...fromRow].sort()).toEqual([...fromRecord].filter((x) => BATCH_CAPABILITIES.has(x)).sort());
    }
    // and the pool shows each of them somewhere, so the comparison above covers every one
    const all = new Set<Capability>();
    for (const c of POOL) addCapabilities(c, all);
    for (const x of BATCH_CAPABILITIES) expect(all).toContain(x);
  });

  it('a full batch takes no more rows', () => {
    const batch = new ConversationBatch(1);
    batch.push(POOL[0]!);
    expect(() => batch.push(POOL[1]!)).toThrow(RangeError);
  });
});
