import { describe, expect, it } from 'vitest';
import firstResponseTime from '../../src/metrics/first_response_time.js';
import type { Conversation } from '../../src/conversations/types.js';
import { conversation, conversationWith } from '../helpers/conversation.js';
import { businessClock, run } from './options.js';

const frt = (c: Conversation): unknown => run(firstResponseTime, [c]).median;

describe('first_response_time', () => {
  it.each([
    ['bot reply does not count', conversation('0s customer', '2s bot', '50s agent:Ana'), 50],
    ['internal note does not count', conversation('0s customer', '5s agent:Ana internal', '40s agent:Ana'), 40],
    ['starts at an earlier creation time', conversation('-30s created by=customer', '0s customer', '10s agent:Ana'), 40],
    ['runs of customer messages start at the first', conversation('0s customer', '20s customer', '1m agent:Ana'), 60],
    ['missed: no value', conversation('0s customer', '10m ended'), null],
    ['agent-initiated: no value', conversation('0s agent:Ana', '5s customer', '9s agent:Ana'), null],
    ['sub-second precision', conversation('0s customer', '1500ms agent:Ana'), 1.5],
  ])('%s', (_name, c, expected) => {
    expect(frt(c)).toBe(expected);
  });

  it('distribution over answered chats', () => {
    const cs = [10, 20, 30, 100].map((s) => conversation('0s customer', `${s}s agent:Ana`));
    cs.push(conversation('0s customer', '1h ended'));
    // [10,20,30,100]: mean 40, median 25, p90 h=2.7 → 30 + 0.7·70 = 79
    expect(run(firstResponseTime, cs)).toEqual({ unit: 'seconds', count: 4, mean: 40, median: 25, p90: 79, max: 100, min: 10 });
  });

  it('with --count-bots the bot reply counts and the result says so', () => {
    const c = conversationWith({ countBots: true }, '0s customer', '2s bot', '50s agent:Ana');
    const r = run(firstResponseTime, [c], { countBots: true });
    expect(r).toMatchObject({ count: 1, median: 2, counts_bots: true });
  });

  it('business time: Mon 16:50 → Tue 09:10 is 1200 business seconds', () => {
    const c = conversation('7h50m customer', '1d10m agent:Ana'); // T0 = Mon 09:00
    const r = run(firstResponseTime, [c], { clock: businessClock() });
    expect(r).toMatchObject({ median: 58_800, business: { count: 1, median: 1200 } });
  });

  it('no answered chat: count 0, null figures', () => {
    expect(run(firstResponseTime, [])).toEqual({ unit: 'seconds', count: 0, mean: null, median: null, p90: null, max: null, min: null });
  });
});
