// Units of figures: what a target compares and how a report shows it.
import { describe, expect, it } from 'vitest';
import { fieldUnit, guessMetricUnit, isDurationFieldName } from '../../src/targets/fields.js';

describe('fieldUnit', () => {
  it.each([
    ['seconds', 'p90', 'seconds'],
    ['seconds', 'p75', 'seconds'],
    ['seconds', 'p99.9', 'seconds'],
    ['seconds', 'business.p99.9', 'seconds'],
    ['seconds', 'business.median', 'seconds'],
    ['seconds', 'business.count', 'number'],
    ['seconds', 'count', 'number'],
    ['seconds', 'value', 'seconds'],
    ['ratio', 'value', 'ratio'],
    ['ratio', 'mean', 'number'],
    ['ratio', 'response_rate', 'ratio'],
    ['ratio', 'threshold_seconds', 'seconds'],
    ['score', 'value', 'number'],
    ['count', 'value', 'number'],
    ['count', 'median', 'number'],
  ] as const)('%s metric, field %s → %s', (unit, field, expected) => {
    expect(fieldUnit(unit, field)).toBe(expected);
  });
});

describe('guessMetricUnit', () => {
  it.each([
    ['missed_rate', 'ratio'],
    ['service_level', 'ratio'],
    ['csat', 'ratio'],
    ['queue_time', 'seconds'],
    ['chat_duration', 'seconds'],
    ['longest_customer_wait', 'seconds'],
    ['nps', 'score'],
    ['chats', 'count'],
  ] as const)('%s → %s', (id, unit) => {
    expect(guessMetricUnit(id)).toBe(unit);
  });
});

describe('isDurationFieldName', () => {
  it.each([
    ['median', true],
    ['p90', true],
    ['p95', true],
    ['business.p90', true],
    ['business.count', true],
    ['p99.9', true],
    ['business.p99.9', true],
    ['average', false],
    ['business', false],
    ['business.business.p90', false],
    ['p', false],
  ] as const)('%s → %s', (field, expected) => {
    expect(isDurationFieldName(field)).toBe(expected);
  });
});
