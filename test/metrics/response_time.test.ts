import { describe, expect, it } from 'vitest';
import responseTime from '../../src/metrics/response_time.js';
import { conversation } from '../helpers/conversation.js';
import { businessClock, run } from './options.js';

const sample = () => [
  // waits 10 s and 30 s (the run 1m..1m05s starts at its first message)
  conversation('0s customer', '10s agent:Ana', '1m customer', '1m5s customer', '1m30s agent:Ana'),
  conversation('0s customer', '50s agent:Bo'), // 50 s
  conversation('0s customer', '5s agent:Bo internal', '2m customer', '3m ended'), // no reply: no wait
  conversation('0s agent:Bo', '5s customer', '25s agent:Bo'), // agent-initiated: left out
];

describe('response_time', () => {
  it('every reply wait weighs the same', () => {
    // [10, 30, 50]: mean 30, median 30, p90 h=1.8 → 30 + 0.8·20 = 46
    expect(run(responseTime, sample())).toEqual({ unit: 'seconds', count: 3, mean: 30, median: 30, p90: 46, max: 50, min: 10, averaging: 'per_reply' });
  });

  it('per_conversation averages each conversation first (Rocket.Chat)', () => {
    // conversation means 20 and 50: mean 35, median 35, p90 h=0.9 → 20 + 0.9·30 = 47
    const r = run(responseTime, sample(), { settings: { responseTimeAveraging: 'per_conversation' } });
    expect(r).toMatchObject({ count: 2, mean: 35, median: 35, p90: 47, averaging: 'per_conversation' });
  });

  it('bot replies do not end a wait', () => {
    expect(run(responseTime, [conversation('0s customer', '1s bot', '40s agent:Ana')])).toMatchObject({ count: 1, median: 40 });
  });

  it('business time, per reply and per conversation', () => {
    // waits: Mon 16:50 → Tue 09:10 (calendar 58 800 s, business 600 + 600 = 1 200 s) and 30 s inside hours
    const c = conversation('7h50m customer', '1d10m agent:Ana', '1d20m customer', '1d20m30s agent:Ana');
    const perReply = run(responseTime, [c], { clock: businessClock() });
    expect(perReply).toMatchObject({ count: 2, mean: 29_415, business: { count: 2, mean: 615, max: 1200 } });
    const perConversation = run(responseTime, [c], { clock: businessClock(), settings: { responseTimeAveraging: 'per_conversation' } });
    expect(perConversation).toMatchObject({ count: 1, mean: 29_415, business: { count: 1, mean: 615 } });
  });
});
