import { describe, expect, it } from 'vitest';
import chatDuration from '../../src/metrics/chat_duration.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('chat_duration', () => {
  it.each([
    ['from the first message (a bot greeting) to the end event', conversation('0s bot', '5s customer', '1m agent:Ana', '3m ended'), 180],
    ['no end event: the last message', conversation('0s customer', '2m agent:Ana'), 120],
    ['a missed chat has a duration too', conversation('0s customer', '45s ended'), 45],
    ['agent-initiated included', conversation('0s agent:Ana', '30s customer'), 30],
  ])('%s', (_n, c, seconds) => {
    expect(run(chatDuration, [c]).median).toBe(seconds);
  });

  it('no messages: left out', () => {
    expect(run(chatDuration, [conversation('0s created', '1m resolved')])).toMatchObject({ count: 0, median: null });
  });
});
