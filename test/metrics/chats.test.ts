import { describe, expect, it } from 'vitest';
import chats from '../../src/metrics/chats.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('chats', () => {
  it('counts every conversation by status, agent-initiated included', () => {
    const r = run(chats, [
      conversation('0s customer', '5s agent:Ana'), // resolved: no status field, ends at last message
      conversation('0s customer', '10m ended'), // missed: nobody answered
      conversation('0s customer', '5s agent:Ana', '1m status:open'), // open: tracks state, not ended
      conversation('0s agent:Ana', '10s customer'), // outbound: resolved, agent-initiated
      conversation('0s customer', '5s bot', '1m ended'), // a bot alone does not answer: missed
    ]);
    expect(r).toEqual({ value: 5, by_status: { open: 1, missed: 2, resolved: 2 }, agent_initiated: 1 });
  });

  it('the vendor status wins', () => {
    const r = run(chats, [conversation('0s customer', '5s agent:Ana', '6s ended vendor=missed')]);
    expect(r.by_status).toEqual({ open: 0, missed: 1, resolved: 0 });
  });

  it('no conversations: 0', () => {
    expect(run(chats, [])).toEqual({ value: 0, by_status: { open: 0, missed: 0, resolved: 0 }, agent_initiated: 0 });
  });
});
