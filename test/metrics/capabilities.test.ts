import { describe, expect, it } from 'vitest';
import { addCapabilities, CAPABILITY_REASONS } from '../../src/metrics/capabilities.js';
import type { Capability } from '../../src/conversations/types.js';
import { conversation } from '../helpers/conversation.js';

const caps = (...lines: string[]): Capability[] => {
  const set = new Set<Capability>();
  addCapabilities(conversation(...lines), set);
  return [...set].sort();
};

describe('addCapabilities', () => {
  it('a plain answered chat: messages, human replies, an end and texts', () => {
    expect(caps('0s customer', '5s agent:Ana')).toEqual(['ended', 'humanReplies', 'messages', 'texts']);
  });

  it('events add what they show', () => {
    expect(
      caps('0s customer customer=c1 tag=vip', '1s assigned:Ana', '5s agent:Ana canned', '1m status:pending', '2m resolved', '3m wrapped_up:Ana', '4m rated:csat=5', '4m rated:nps=9', '4m rated:ces=6'),
    ).toEqual(['assignment', 'canned', 'customerIds', 'ended', 'humanReplies', 'messages', 'ratings:ces', 'ratings:csat', 'ratings:nps', 'resolution', 'statusChanges', 'tags', 'texts', 'wrapUp']);
  });

  it('a bot-only chat has no human replies', () => {
    expect(caps('0s customer', '1s bot')).not.toContain('humanReplies');
  });

  it('every capability has a reason that says what the export lacks', () => {
    for (const reason of Object.values(CAPABILITY_REASONS)) expect(reason).toMatch(/^export /);
  });
});
