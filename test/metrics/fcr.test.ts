import { describe, expect, it } from 'vitest';
import fcr from '../../src/metrics/fcr.js';
import { conversationWith } from '../helpers/conversation.js';
import { run } from './options.js';

const chat = (id: string, ...lines: string[]) => conversationWith({ id }, ...lines);

describe('fcr', () => {
  const sample = () => [
    chat('a1', '0s customer customer=alice', '5s agent:Ana', '10m resolved'), // alice comes back 2 days later: recontact
    chat('a2', '2d customer customer=alice', '2d5s agent:Ana', '2d10m resolved'), // last of alice's: first contact
    chat('b1', '0s customer customer=bob', '5s agent:Ana', '1m transferred:Bo', '10m resolved'), // transferred
    chat('c1', '0s customer customer=cy', '5s agent:Ana', '10m resolved'), // cy returns after 8 days: outside 7 d
    chat('c2', '8d customer customer=cy', '8d5m ended'), // missed follow-up: not eligible itself
    chat('d1', '0s customer customer=dee', '5s agent:Ana', '1m resolved', '2m reopened', '3m resolved'), // reopened
    chat('e1', '0s customer', '5s agent:Ana', '1m resolved'), // no customer id
  ];

  it('resolved, clean, and no recontact within 7 days', () => {
    // eligible a1 a2 b1 c1 d1 = 5; first contact a2, c1 = 2
    expect(run(fcr, sample())).toEqual({
      value: 0.4, resolved_first_contact: 2, count: 5, reopened_or_passed_on: 2, recontacted: 1, unidentified: 1, window_seconds: 604_800,
    });
  });

  it('a longer window catches the 8-day return', () => {
    expect(run(fcr, sample(), { recontactWindowSeconds: 10 * 86_400 })).toMatchObject({ resolved_first_contact: 1, recontacted: 2 });
  });

  it('order of arrival does not matter', () => {
    expect(run(fcr, sample().reverse())).toMatchObject({ value: 0.4 });
  });
});
