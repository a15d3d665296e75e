import { describe, expect, it } from 'vitest';
import queueTime from '../../src/metrics/queue_time.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('queue_time', () => {
  it.each([
    ['request to human assignment', conversation('0s customer', '25s assigned:Ana', '40s agent:Ana'), 25],
    ['bot assignment ignored', conversation('0s customer', '2s assigned:Bot by=bot', '30s assigned:Ana', '40s agent:Ana'), 30],
    ['pre-routed before the customer wrote: 0', conversation('-10s assigned:Ana', '0s customer', '5s agent:Ana'), 0],
    ['never assigned: left out', conversation('0s customer', '5s agent:Ana'), null],
    ['agent-initiated: left out', conversation('0s assigned:Ana', '1s agent:Ana', '5s customer'), null],
  ])('%s', (_n, c, expected) => {
    expect(run(queueTime, [c]).median).toBe(expected);
  });
});
