import { describe, expect, it } from 'vitest';
import cannedResponseRate from '../../src/metrics/canned_response_rate.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('canned_response_rate', () => {
  it('canned / public agent messages; notes and bots do not count', () => {
    const r = run(cannedResponseRate, [
      conversation('0s customer', '5s agent:Ana canned', '1m customer', '2m agent:Ana', '3m agent:Ana internal canned'),
      conversation('0s customer', '1s bot canned', '5s agent:Bo canned', '6m agent:Bo'),
    ]);
    // agent messages: 2 + 2 = 4; canned: 1 + 1 = 2
    expect(r).toEqual({ value: 0.5, canned: 2, agent_messages: 4 });
  });
});
