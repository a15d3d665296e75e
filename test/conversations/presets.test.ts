// Vendor-parity presets: where each vendor's first-response clock starts, worked out by hand.
import { describe, expect, it } from 'vitest';
import { applyPreset, isPresetId, PRESETS, presetSettings, type PresetId } from '../../src/conversations/presets.js';
import type { Conversation } from '../../src/conversations/types.js';
import { conversation, T0 } from '../helpers/conversation.js';

/** First response time in seconds as our metric computes it from the (possibly preset-shaped) conversation. */
const frt = (c: Conversation): number | undefined =>
  c.firstResponseAt !== undefined && c.requestedAt !== undefined ? (c.firstResponseAt - c.requestedAt) / 1000 : undefined;

describe('the facts the fold records for presets', () => {
  it('bot hand-off: the first transfer after a bot message', () => {
    const c = conversation('0s customer', '5s bot', '20s transferred:Ana', '50s transferred:Luis', '80s agent:Ana');
    expect(c.botHandoffAt).toBe(T0 + 20_000);
    // a transfer with no bot before it is not a hand-off
    expect(conversation('0s customer', '20s transferred:Ana', '80s agent:Ana').botHandoffAt).toBeUndefined();
  });

  it('every reopen', () => {
    const c = conversation('0s created', '10s customer', '30s agent:Ana', '60s resolved', '120s reopened', '200s resolved', '300s status:open');
    expect(c.reopenedAts).toEqual([T0 + 120_000, T0 + 300_000]);
    // none: the key stays absent, so records from the fast message path compare equal
    expect('reopenedAts' in conversation('0s customer', '30s agent:Ana')).toBe(false);
  });
});

describe.each<[PresetId, [string, string[], number | undefined, number | undefined][]]>([
  [
    'zendesk',
    [
      // ticket logged 5 s after the customer wrote: Zendesk counts from creation, 65 − 5 = 60 (ours 65)
      ['from creation', ['0s customer', '5s created', '65s agent:Ana'], 65, 60],
      // no creation event: falls back to our request time
      ['no creation time', ['0s customer', '40s agent:Ana'], 40, 40],
      // creation after the first reply would be a negative wait: the clock starts at the reply, 0
      ['creation after the reply', ['0s customer', '30s agent:Ana', '40s created'], 30, 0],
    ],
  ],
  [
    'freshdesk',
    [['from creation', ['0s customer', '5s created', '65s agent:Ana'], 65, 60]],
  ],
  [
    'chatwoot',
    [
      // bot answers at 5 s, hands off at 20 s, Ana replies at 80 s: 80 − 20 = 60 (ours 80)
      ['from the bot hand-off', ['0s customer', '5s bot', '20s transferred:Ana', '80s agent:Ana'], 80, 60],
      // reopened at 50 s, before the first human reply at 90 s: 90 − 50 = 40
      ['from a reopen before the reply', ['0s customer', '10s resolved', '50s reopened', '90s agent:Ana'], 90, 40],
      // a reopen after the first reply does not move it: 30
      ['a later reopen changes nothing', ['0s customer', '30s agent:Ana', '60s resolved', '120s reopened', '200s agent:Ana'], 30, 30],
      // the later of hand-off (20 s) and reopen (40 s): 100 − 40 = 60
      ['the latest anchor wins', ['0s customer', '5s bot', '20s transferred:Ana', '30s resolved', '40s reopened', '100s agent:Ana'], 100, 60],
      // no hand-off, no reopen: conversation creation (5 s), 65 − 5 = 60
      ['else creation', ['0s customer', '5s created', '65s agent:Ana'], 65, 60],
      // a transfer with no bot before it is not a hand-off: 80
      ['a human transfer is not a hand-off', ['0s customer', '20s transferred:Ana', '80s agent:Ana'], 80, 80],
    ],
  ],
  [
    'rocketchat',
    [
      // room created at 0 s, the visitor writes at 10 s, the agent at 70 s: 70 − 10 = 60 (ours 70)
      ['from the visitor\'s first message', ['0s created', '10s customer', '70s agent:Ana'], 70, 60],
      ['same as ours without a creation event', ['0s customer', '30s agent:Ana'], 30, 30],
    ],
  ],
  [
    'intercom',
    [['our clock', ['0s created', '10s customer', '70s agent:Ana'], 70, 70]],
  ],
  [
    'livechat',
    [['our clock', ['0s created', '10s customer', '5s bot', '70s agent:Ana'], 70, 70]],
  ],
])('%s', (presetId, rows) => {
  it.each(rows)('%s', (_name, lines, ours, theirs) => {
    const c = conversation(...lines);
    expect(frt(c)).toBe(ours);
    expect(frt(applyPreset(c, presetId))).toBe(theirs);
  });
});

describe('purity and settings', () => {
  it('the folded conversation is not changed', () => {
    const c = conversation('0s customer', '5s bot', '20s transferred:Ana', '80s agent:Ana');
    const before = structuredClone(c);
    const shaped = applyPreset(c, 'chatwoot');
    expect(c).toEqual(before);
    expect(shaped).not.toBe(c);
    // everything but the clock start is the same
    expect({ ...shaped, requestedAt: c.requestedAt }).toEqual(c);
  });

  it('a preset that changes nothing returns the same object', () => {
    const c = conversation('0s customer', '40s agent:Ana');
    expect(applyPreset(c, 'livechat')).toBe(c);
    expect(applyPreset(c, 'zendesk')).toBe(c);
  });

  it('agent-initiated conversations stay agent-initiated', () => {
    // Zendesk times an agent-created ticket from creation; we keep outreach out of response metrics under
    // every preset, so the conversation is returned as it is (no requestedAt to start a clock from)
    const c = conversation('0s created by=agent', '10s customer', '70s agent:Ana');
    expect(c.isAgentInitiated).toBe(true);
    expect(c.requestedAt).toBeUndefined();
    expect(applyPreset(c, 'zendesk')).toBe(c);
  });

  it('settings the metrics read', () => {
    expect(presetSettings('intercom')).toEqual({ headline: 'median' });
    expect(presetSettings('rocketchat')).toEqual({ responseTimeAveraging: 'per_conversation' });
    expect(presetSettings('zendesk')).toEqual({});
    // a copy: changing it does not change the preset
    presetSettings('intercom').headline = 'mean';
    expect(presetSettings('intercom')).toEqual({ headline: 'median' });
  });

  it('every preset cites its source and ids are known', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['chatwoot', 'freshdesk', 'intercom', 'livechat', 'rocketchat', 'zendesk']);
    for (const p of Object.values(PRESETS)) expect(p.source).toMatch(/^https:\/\//);
    expect(isPresetId('zendesk')).toBe(true);
    expect(isPresetId('toString')).toBe(false);
  });
});
