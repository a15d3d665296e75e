import { describe, expect, it } from 'vitest';
import csat, { isSatisfied } from '../../src/metrics/csat.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

const rated = (rating: string) => conversation('0s customer', '5s agent:Ana', `1m rated:csat=${rating}`);

describe('csat', () => {
  it('share satisfied, mean on the 1-5 scale, response rate over resolved', () => {
    const r = run(csat, [rated('5'), rated('4'), rated('2'), conversation('0s customer', '5s agent:Ana')]);
    // 2 of 3 satisfied; mean 11/3 = 3.667; 3 rated of 4 resolved
    expect(r).toEqual({ value: 0.666667, responses: 3, satisfied: 2, mean: 3.667, scale: '1-5', response_rate: 0.75 });
  });

  it('good/bad and thumbs are 0..1: good is satisfied; mixed scales have no mean', () => {
    const r = run(csat, [rated('1/0-1'), rated('0/0-1'), rated('4')]);
    expect(r).toMatchObject({ value: 0.666667, responses: 3, mean: null, scale: null });
  });

  it.each([
    [3, 1, 5, false], [4, 1, 5, true], [1, 0, 1, true], [0, 0, 1, false], [5, 1, 7, false], [6, 1, 7, true], [8, 1, 10, true], [7, 1, 10, false],
  ])('score %d on %d-%d satisfied: %s', (score, scaleMin, scaleMax, expected) => {
    expect(isSatisfied({ survey: 'csat', score, scaleMin, scaleMax })).toBe(expected);
  });

  it('no ratings: null value', () => {
    expect(run(csat, [conversation('0s customer', '5s agent:Ana')])).toMatchObject({ value: null, responses: 0, mean: null, response_rate: 0 });
  });
});
