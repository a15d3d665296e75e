import { describe, expect, it } from 'vitest';
import backlog from '../../src/metrics/backlog.js';
import { conversation, T0 } from '../helpers/conversation.js';
import { run } from './options.js';

describe('backlog', () => {
  const cs = () => [
    conversation('0s customer', '1s status:open'), // unanswered, age 600
    conversation('5m customer', '5m10s status:open'), // unanswered, age 300
    conversation('0s customer', '10s agent:Ana', '9m50s customer', '9m55s status:open'), // customer waits since 9m50s: 10 s
    conversation('0s customer', '10s agent:Ana', '1m status:open'), // answered, nobody waiting
    conversation('0s customer', '10s agent:Ana'), // resolved: not in the backlog
  ];

  it('open conversations at asOf, their age and those waiting past the target', () => {
    const r = run(backlog, cs(), { asOf: T0 + 600_000, serviceLevelSeconds: 20 });
    // ages [300, 600, 600, 600]: mean 525, median 600; waiting 600, 300, 10 s → 2 over 20 s
    expect(r).toEqual({
      value: 4, awaiting_reply: 3, unanswered: 2, over_target: 2, target_seconds: 20, oldest_queue_delay: 600,
      age: { unit: 'seconds', count: 4, mean: 525, median: 600, p90: 600, max: 600, min: 300 },
      as_of: '2026-01-05T09:10:00.000Z',
    });
  });

  it('settings.backlogTargetSeconds overrides T', () => {
    expect(run(backlog, cs(), { asOf: T0 + 600_000, settings: { backlogTargetSeconds: 400 } })).toMatchObject({ over_target: 1, target_seconds: 400 });
  });

  it('nothing open: 0 and null figures', () => {
    expect(run(backlog, [conversation('0s customer', '10s agent:Ana')])).toMatchObject({ value: 0, oldest_queue_delay: null, age: { count: 0, median: null } });
  });
});
