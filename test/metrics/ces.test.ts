import { describe, expect, it } from 'vitest';
import ces from '../../src/metrics/ces.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

const answer = (score: string) => conversation('0s customer', '5s agent:Ana', `1m rated:ces=${score}`);

describe('ces', () => {
  it('mean on 1-7 and share easy (6-7)', () => {
    // 7, 6, 5, 2: mean 5; easy 2 of 4
    expect(run(ces, ['7', '6', '5', '2'].map(answer))).toEqual({ value: 5, easy_share: 0.5, responses: 4, scale: '1-7' });
  });

  it('low-is-easy surveys', () => {
    // 1, 2 easy; 5 not
    expect(run(ces, ['1/1-5', '2/1-5', '5/1-5'].map(answer), { settings: { cesLowIsEasy: true } })).toMatchObject({ easy_share: 0.666667, value: 2.667 });
  });

  it('mixed scales: no mean', () => {
    expect(run(ces, [answer('7'), answer('5/1-5')])).toMatchObject({ value: null, easy_share: 1, scale: null });
  });
});
