import { describe, expect, it } from 'vitest';
import conversionRate from '../../src/metrics/conversion_rate.js';
import { conversation } from '../helpers/conversation.js';
import { run } from './options.js';

describe('conversion_rate', () => {
  const sample = () => [
    conversation('0s customer tag=Purchase', '5s agent:Ana'),
    conversation('0s customer tag=signup', '5s agent:Ana'),
    conversation('0s customer tag=question', '5s agent:Ana'),
    conversation('0s customer', '5s agent:Ana'),
  ];

  it('conversions by tag, case-insensitive, over every chat', () => {
    expect(run(conversionRate, sample(), { settings: { conversionTags: ['purchase'] } })).toEqual({ value: 0.25, converted: 1, count: 4, tags: ['purchase'] });
    expect(run(conversionRate, sample(), { settings: { conversionTags: 'purchase, SIGNUP' } })).toMatchObject({ value: 0.5 });
  });

  it('unavailable without configured tags', () => {
    expect(run(conversionRate, sample())).toMatchObject({ available: false });
  });
});
