import { describe, expect, it } from 'vitest';
import wrapUpTime from '../../src/metrics/wrap_up_time.js';
import { conversation } from '../helpers/conversation.js';
import { businessClock, run } from './options.js';

describe('wrap_up_time', () => {
  it.each([
    ['end event to wrap-up', conversation('0s customer', '5s agent:Ana', '5m ended', '6m30s wrapped_up:Ana'), 90],
    ['no end event: from the last message', conversation('0s customer', '5s agent:Ana', '1m5s wrapped_up:Ana'), 60],
    ['wrap-up before the end: 0', conversation('0s customer', '1m wrapped_up:Ana', '2m agent:Ana'), 0],
    ['no wrap-up: left out', conversation('0s customer', '5s agent:Ana'), null],
  ])('%s', (_n, c, expected) => {
    expect(run(wrapUpTime, [c]).median).toBe(expected);
  });

  it('a conversation without wrap-up counts in neither figure, calendar nor business', () => {
    const r = run(wrapUpTime, [conversation('0s customer', '5s agent:Ana', '5m ended', '6m30s wrapped_up:Ana'), conversation('0s customer', '5s agent:Ana')], { clock: businessClock() });
    expect(r).toMatchObject({ count: 1, business: { count: 1 } });
  });
});
