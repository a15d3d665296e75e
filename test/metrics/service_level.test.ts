import { describe, expect, it } from 'vitest';
import serviceLevel from '../../src/metrics/service_level.js';
import { conversation, T0 } from '../helpers/conversation.js';
import { run } from './options.js';

// Six requested chats and one outbound one; the open chat has waited 30 s at asOf.
const sample = () => [
  conversation('0s customer', '10s agent:Ana'), // within 20 s
  conversation('0s customer', '20s agent:Ana'), // exactly T: within
  conversation('0s customer', '45s agent:Ana'), // late
  conversation('0s customer', '5s ended'), // missed, left after 5 s
  conversation('0s customer', '2m ended'), // missed, left after 2 min
  conversation('0s agent:Ana', '3s customer'), // agent-initiated: left out
  conversation('0s customer', '1s status:open'), // waiting, unanswered
];
const asOf = T0 + 30_000;

describe('service_level', () => {
  it('offered (default): missed and overdue waiting chats are failures', () => {
    const r = run(serviceLevel, sample(), { asOf, settings: { serviceLevelThresholds: [20, 60] } });
    // within 2; denominator 3 answered + 2 missed + 1 waiting 30 s > 20 s = 6 → 0.333333
    // at 60 s: within 3; the waiting chat (30 s) is not yet late: 3 + 2 = 5 → 0.6
    expect(r).toEqual({
      value: 0.333333, threshold_seconds: 20, variant: 'offered', count: 6, denominator: 6, answered: 3, answered_within: 2,
      missed: 2, waiting: 1, short_abandoned: 0, by_threshold: { '20': 0.333333, '60': 0.6 },
    });
  });

  it.each([
    ['answered', {}, 0.666667, 3], // 2 / 3
    ['abandoned_neutral', {}, 0.4, 5], // the chat left after 5 s is out: 2 / 5
    ['short_abandon_removed', { shortAbandonSeconds: 10 }, 0.4, 5], // left within 10 s: out
    ['short_abandon_removed', { shortAbandonSeconds: 3 }, 0.333333, 6], // nobody left within 3 s
  ] as const)('%s denominator %o', (variant, extra, value, denominator) => {
    const r = run(serviceLevel, sample(), { asOf, ...extra, settings: { serviceLevelDenominator: variant } });
    expect(r).toMatchObject({ value, denominator, variant });
  });

  it('--short-abandon alone selects short_abandon_removed and reports the count', () => {
    const r = run(serviceLevel, sample(), { asOf, shortAbandonSeconds: 10 });
    expect(r).toMatchObject({ variant: 'short_abandon_removed', short_abandoned: 1, short_abandon_seconds: 10, value: 0.4 });
  });

  it('another T from serviceLevelSeconds', () => {
    const r = run(serviceLevel, sample(), { asOf, serviceLevelSeconds: 60 });
    expect(r).toMatchObject({ value: 0.6, threshold_seconds: 60, waiting: 0, by_threshold: { '60': 0.6 } });
  });

  it('without asOf the latest event seen is the end of the data', () => {
    // latest event: the 2 min end → the open chat has waited 120 s > 20 s
    const r = run(serviceLevel, sample());
    expect(r).toMatchObject({ waiting: 1, denominator: 6 });
  });

  it('a bot reply counts only with --count-bots', () => {
    const c = conversation('0s customer', '2s bot', '1m agent:Ana');
    expect(run(serviceLevel, [c]).value).toBe(0);
    expect(run(serviceLevel, [c], { countBots: true })).toMatchObject({ value: 1, counts_bots: true });
  });

  it('no requested chat: null value, count 0', () => {
    expect(run(serviceLevel, [])).toMatchObject({ value: null, count: 0, denominator: 0 });
  });
});
