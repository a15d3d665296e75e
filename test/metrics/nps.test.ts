import { describe, expect, it } from 'vitest';
import nps, { onTenPoints } from '../../src/metrics/nps.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

const answer = (score: string) => conversation('0s customer', '5s agent:Ana', `1m rated:nps=${score}`);

describe('nps', () => {
  it('% promoters − % detractors with the three counts', () => {
    // 10, 9 promoters; 8, 7 passives; 6, 0 detractors; + one more promoter: 3 − 2 of 7 → 14.286
    const r = run(nps, ['10', '9', '8', '7', '6', '0', '9'].map(answer));
    expect(r).toEqual({ value: 14.286, promoters: 3, passives: 2, detractors: 2, responses: 7 });
  });

  it('all detractors: −100', () => {
    expect(run(nps, [answer('3'), answer('6')]).value).toBe(-100);
  });

  it('a 1-10 scale is mapped onto 0-10', () => {
    expect(onTenPoints({ survey: 'nps', score: 10, scaleMin: 1, scaleMax: 10 })).toBe(10);
    expect(onTenPoints({ survey: 'nps', score: 7, scaleMin: 1, scaleMax: 10 })).toBeCloseTo(6.667, 3);
    expect(run(nps, [answer('7/1-10')])).toMatchObject({ detractors: 1 });
  });

  it('no answers: null', () => {
    expect(run(nps, [])).toMatchObject({ value: null, responses: 0 });
  });
});
