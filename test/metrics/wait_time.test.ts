import { describe, expect, it } from 'vitest';
import waitTime from '../../src/metrics/wait_time.js';
import { conversation, T0 } from '../helpers/conversation.js';
import { options, run } from './options.js';

describe('wait_time', () => {
  it('answered to the first reply, missed to their end, open to asOf', () => {
    const cs = [
      conversation('0s customer', '30s agent:Ana'), // 30
      conversation('0s customer', '90s ended'), // missed: 90
      conversation('0s customer', '10s customer', '20s bot'), // missed, ends at its last message (bot): 20
      conversation('0s customer', '1s status:open'), // still waiting at asOf: 300
      conversation('0s agent:Ana', '5s customer'), // agent-initiated: out
    ];
    const r = run(waitTime, cs, { asOf: T0 + 300_000 });
    // [20, 30, 90, 300]: mean 110, median 60, p90 h=2.7 → 90 + 0.7·210 = 237
    expect(r).toEqual({ unit: 'seconds', count: 4, mean: 110, median: 60, p90: 237, max: 300, min: 20, answered: 1, missed: 2, waiting: 1 });
  });

  it('a result leaves the fold unchanged', () => {
    const fold = waitTime.create(options({ asOf: T0 + 60_000 }));
    fold.add(conversation('0s customer', '1s status:open'));
    expect(fold.result()).toMatchObject({ count: 1, median: 60 });
    expect(fold.result()).toMatchObject({ count: 1, median: 60 });
  });
});

