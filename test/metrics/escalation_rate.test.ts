import { describe, expect, it } from 'vitest';
import escalationRate from '../../src/metrics/escalation_rate.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('escalation_rate', () => {
  it('escalated / answered; a transfer is not an escalation', () => {
    const r = run(escalationRate, [
      conversation('0s customer', '5s agent:Ana', '1m escalated:call'),
      conversation('0s customer', '5s agent:Ana', '1m transferred:Bo'),
      conversation('0s customer', '5s agent:Ana'),
      conversation('0s customer', '5s agent:Ana'),
      conversation('0s customer', '1m escalated:email', '2m ended'), // unanswered: out
    ]);
    expect(r).toEqual({ value: 0.25, escalated: 1, count: 4 });
  });
});
