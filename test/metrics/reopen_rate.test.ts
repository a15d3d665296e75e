import { describe, expect, it } from 'vitest';
import reopenRate from '../../src/metrics/reopen_rate.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('reopen_rate', () => {
  it('reopened at least once / ever resolved', () => {
    const r = run(reopenRate, [
      conversation('0s customer', '5s agent:Ana', '1m resolved', '2m reopened', '3m resolved', '4m reopened', '5m resolved'), // 2 reopens
      conversation('0s customer', '5s agent:Ana', '1m resolved', '2m reopened'), // reopened, still open
      conversation('0s customer', '5s agent:Ana', '1m resolved'),
      conversation('0s customer', '5s agent:Ana', '1m resolved'),
      conversation('0s customer', '5s agent:Ana', '1m status:open'), // never resolved: out
    ]);
    expect(r).toEqual({ value: 0.5, reopened: 2, reopens: 3, count: 4 });
  });
});
