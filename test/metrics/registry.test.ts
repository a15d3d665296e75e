// Every registered metric is complete: a unique snake_case id, a test file, and an entry in METRICS.md.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/conversations/types.js';
import { METRICS } from '../../src/metrics/index.js';
import type { Metric, MetricResult } from '../../src/metrics/types.js';
import { conversation } from '../helpers/conversation.js';
import { options } from './options.js';

const catalogue = existsSync('../shared/METRICS.md') ? readFileSync('../shared/METRICS.md', 'utf8') : undefined;

/** The metric's result over `cs`, folded in order. */
function resultOf(m: Metric, cs: readonly Conversation[]): MetricResult {
  const fold = m.create(options());
  for (const c of cs) fold.add(c);
  return fold.result();
}

/** The conversation as the fast path builds it without who took part: the customer only when `keepCustomer`. */
function withoutPeople(c: Conversation, keepCustomer: boolean): Conversation {
  const { agent: _agent, department: _department, channel: _channel, customerId, ...rest } = c;
  return { ...rest, ...(keepCustomer && customerId !== undefined ? { customerId } : {}), agents: [], replyAgents: c.replyAgents.map(() => undefined) };
}

describe('metric registry', () => {
  it('orders ids by code unit as the locale would (the registry sorts without a collator, ~10 ms of start-up)', () => {
    const ids = METRICS.map((m) => m.id);
    for (const a of ids) for (const b of ids) expect(Math.sign(a.localeCompare(b)), `${a} ${b}`).toBe(a < b ? -1 : a > b ? 1 : 0);
  });

  it('ids are unique snake_case', () => {
    const ids = METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it.each(METRICS.map((m) => [m.id, m] as const))('%s has a test, a catalogue entry, a description and a fold', (id, m) => {
    expect(existsSync(`test/metrics/${id}.test.ts`), `test/metrics/${id}.test.ts`).toBe(true);
    expect(existsSync(`src/metrics/${id}.ts`), `src/metrics/${id}.ts`).toBe(true);
    if (catalogue !== undefined) expect(catalogue, `../shared/METRICS.md lists \`${id}\``).toContain(`\`${id}\``);
    expect(m.description.length).toBeGreaterThan(10);
    const fold = m.create(options());
    fold.add(conversation('0s customer', '5s agent:Ana', '1m ended'));
    const result = fold.result();
    expect(JSON.parse(JSON.stringify(result)), 'a result is plain JSON').toEqual(result);
  });

  // A metric that says it never reads who took part gets conversations without it when the fast path can leave it
  // out (pipeline.ts): its result must not move when agents, department, channel and customer are stripped.
  it.each(METRICS.filter((m) => m.readsPeople === false).map((m) => [m.id, m] as const))('%s gives the same result without who took part', (_id, m) => {
    const full = [
      conversation('0s customer dept=Sales channel=web customer=c1', '12s agent:Ana', '40s customer', '95s agent:Bo', '3m resolved', '4m rated:csat=4'),
      conversation('10s customer dept=Support channel=ios customer=c2', '30s bot', '2m ended'),
      conversation('1h customer customer=c1', '1h1m assigned:Ana', '1h2m transferred:Bo', '1h3m agent:Bo', '1h9m resolved', '1h10m rated:nps=9'),
      conversation('2h agent:Cy', '2h5m customer customer=c3', '2h6m agent:Cy canned', '2h20m ended'),
    ];
    const stripped = full.map((c) => withoutPeople(c, false));
    expect(full.some((c) => c.agent !== undefined && c.department !== undefined && c.customerId !== undefined)).toBe(true);
    expect(resultOf(m, stripped)).toEqual(resultOf(m, full));
  });

  // A metric that reads the customer alone gets conversations without agents, department and channel.
  it.each(METRICS.filter((m) => m.readsPeople === 'customer').map((m) => [m.id, m] as const))('%s gives the same result with the customer alone', (_id, m) => {
    const full = [
      conversation('0s customer dept=Sales channel=web customer=c1', '12s agent:Ana', '40s customer', '95s agent:Bo', '3m resolved'),
      conversation('10s customer dept=Support channel=ios customer=c2', '30s agent:Bo', '2m resolved'),
      conversation('1h customer customer=c1', '1h1m assigned:Ana', '1h3m agent:Ana', '1h9m resolved'),
      conversation('1d customer customer=c2', '1d1m agent:Cy', '1d9m resolved'),
      conversation('2h agent:Cy', '2h5m customer customer=c3', '2h6m agent:Cy canned', '2h20m ended'),
    ];
    const stripped = full.map((c) => withoutPeople(c, true));
    expect(full.some((c) => c.agent !== undefined && c.department !== undefined && c.customerId !== undefined)).toBe(true);
    const got = resultOf(m, stripped);
    expect(got).toEqual(resultOf(m, full));
    // and the customer does count: without it the result moves
    expect(resultOf(m, full.map((c) => ({ ...c, customerId: undefined })))).not.toEqual(got);
  });

  // Likewise for the reply waits: a metric that says it never reads them gets conversations without them.
  it.each(METRICS.filter((m) => m.readsReplies === false).map((m) => [m.id, m] as const))('%s gives the same result without reply waits', (_id, m) => {
    const full = [
      conversation('0s customer dept=Sales channel=web customer=c1', '12s agent:Ana', '40s customer', '95s agent:Bo', '3m resolved', '4m rated:csat=4'),
      conversation('10s customer dept=Support channel=ios customer=c2', '30s bot', '2m ended'),
      conversation('1h customer customer=c1', '1h1m assigned:Ana', '1h2m transferred:Bo', '1h3m agent:Bo', '1h4m customer', '1h5m agent:Bo', '1h9m resolved'),
      conversation('2h agent:Cy', '2h5m customer customer=c3', '2h6m agent:Cy canned', '2h20m ended'),
      conversation('3h customer customer=c4', '3h1m agent:Ana', '3h2m customer', '3h3m agent:Ana', '3h4m status:open'),
    ];
    const stripped = full.map((c) => ({ ...c, replyWaits: [], replyAgents: [] }));
    expect(full.filter((c) => c.replyWaits.length >= 4).length).toBe(3);
    expect(full.some((c) => c.status === 'open' && c.replyWaits.length > 0)).toBe(true);
    expect(resultOf(m, stripped)).toEqual(resultOf(m, full));
  });

  it('every source file opens with DECISIONS (or is a helper)', () => {
    for (const m of METRICS) {
      const text = readFileSync(`src/metrics/${m.id}.ts`, 'utf8');
      expect(text, m.id).toContain('DECISIONS');
    }
  });
});
