import { describe, expect, it } from 'vitest';
import missedRate from '../../src/metrics/missed_rate.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('missed_rate', () => {
  it('missed / requested chats, agent-initiated left out', () => {
    const r = run(missedRate, [
      conversation('0s customer', '5s agent:Ana'),
      conversation('0s customer', '10m ended'),
      conversation('0s customer', '2s bot', '1m ended'), // a bot reply does not rescue it
      conversation('0s customer', '1m status:open'), // still waiting: open, not missed
      conversation('0s bot', '10s ended'), // campaign nobody answered: not requested
    ]);
    // 2 missed of 4 requested
    expect(r).toEqual({ value: 0.5, missed: 2, count: 4 });
  });

  it('null with no requested chat', () => {
    expect(run(missedRate, [conversation('0s agent:Ana')])).toEqual({ value: null, missed: 0, count: 0 });
  });
});
