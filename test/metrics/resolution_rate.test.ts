import { describe, expect, it } from 'vitest';
import resolutionRate from '../../src/metrics/resolution_rate.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('resolution_rate', () => {
  it('resolved / all conversations', () => {
    const r = run(resolutionRate, [
      conversation('0s customer', '5s agent:Ana'),
      conversation('0s customer', '5s agent:Ana', '1m resolved'),
      conversation('0s customer', '10m ended'),
      conversation('0s customer', '5s agent:Ana', '1m status:open'),
    ]);
    expect(r).toEqual({ value: 0.5, resolved: 2, count: 4 });
  });
  it('no chats: null', () => expect(run(resolutionRate, []).value).toBeNull());
});
