import { describe, expect, it } from 'vitest';
import transferRate from '../../src/metrics/transfer_rate.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('transfer_rate', () => {
  it('transferred / answered', () => {
    const r = run(transferRate, [
      conversation('0s customer', '5s agent:Ana', '1m transferred:Bo', '2m agent:Bo', '3m transferred:Cy'),
      conversation('0s customer', '5s agent:Ana'),
      conversation('0s customer', '5s agent:Ana'),
      conversation('0s customer', '1m transferred:Bo', '5m ended'), // never answered: out
    ]);
    expect(r).toEqual({ value: 0.333333, transferred: 1, transfers: 2, count: 3 });
  });
});
