import { describe, expect, it } from 'vitest';
import longestCustomerWait from '../../src/metrics/longest_customer_wait.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('longest_customer_wait', () => {
  it('the longest reply wait of each conversation', () => {
    const r = run(longestCustomerWait, [
      conversation('0s customer', '10s agent:Ana', '1m customer', '3m agent:Ana', '4m customer', '4m30s agent:Ana'), // 10, 120, 30 → 120
      conversation('0s customer', '40s agent:Bo'), // 40
      conversation('0s customer', '5m ended'), // never answered: out
    ]);
    // [40, 120]: mean 80, median 80
    expect(r).toMatchObject({ count: 2, mean: 80, median: 80, max: 120 });
  });
});
