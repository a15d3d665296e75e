// Target grammar (CONTRACT.md "Targets"): every form, and every mistake as a BAD_TARGET usage error.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import type { MetricInfo } from '../../src/targets/fields.js';
import { parseTarget, serviceLevelThresholds } from '../../src/targets/parse.js';

const KNOWN: MetricInfo[] = [
  { id: 'chats', unit: 'count' },
  { id: 'csat', unit: 'ratio' },
  { id: 'first_response_time', unit: 'seconds' },
  { id: 'missed_rate', unit: 'ratio' },
  { id: 'nps', unit: 'score' },
  { id: 'resolution_time', unit: 'seconds' },
  { id: 'service_level', unit: 'ratio' },
];
const parse = (e: string, optional = false) => parseTarget(e, { optional, metrics: KNOWN });

describe('parseTarget: the grammar', () => {
  it.each([
    ['80% in 20s', 'service_level', 'value', '>=', 0.8, 20, 'ratio'],
    ['95% within 2m', 'service_level', 'value', '>=', 0.95, 120, 'ratio'],
    ['0.8 in 1h30m', 'service_level', 'value', '>=', 0.8, 5400, 'ratio'],
    ['service_level(20s) >= 80%', 'service_level', 'value', '>=', 0.8, 20, 'ratio'],
    ['service_level(45) >= 0.9', 'service_level', 'value', '>=', 0.9, 45, 'ratio'],
    ['service_level >= 0.8', 'service_level', 'value', '>=', 0.8, undefined, 'ratio'],
    ['first_response_time.p90 <= 2m', 'first_response_time', 'p90', '<=', 120, undefined, 'seconds'],
    ['first_response_time.business.p90 <= 4h', 'first_response_time', 'business.p90', '<=', 14_400, undefined, 'seconds'],
    ['resolution_time.median < 4h', 'resolution_time', 'median', '<', 14_400, undefined, 'seconds'],
    ['resolution_time.mean<1d', 'resolution_time', 'mean', '<', 86_400, undefined, 'seconds'],
    ['first_response_time.max <= 90', 'first_response_time', 'max', '<=', 90, undefined, 'seconds'],
    ['first_response_time.p95 <= 45s', 'first_response_time', 'p95', '<=', 45, undefined, 'seconds'],
    ['first_response_time.count >= 100', 'first_response_time', 'count', '>=', 100, undefined, 'number'],
    ['csat >= 80%', 'csat', 'value', '>=', 0.8, undefined, 'ratio'],
    ['csat.mean >= 4.2', 'csat', 'mean', '>=', 4.2, undefined, 'number'],
    ['csat.response_rate >= 25%', 'csat', 'response_rate', '>=', 0.25, undefined, 'ratio'],
    ['nps > 30', 'nps', 'value', '>', 30, undefined, 'number'],
    ['nps > -10', 'nps', 'value', '>', -10, undefined, 'number'],
    ['missed_rate <= 5%', 'missed_rate', 'value', '<=', 0.05, undefined, 'ratio'],
    ['missed_rate.value == 0', 'missed_rate', 'value', '==', 0, undefined, 'ratio'],
    ['chats >= 1000', 'chats', 'value', '>=', 1000, undefined, 'number'],
    ['  csat   >=   0.75  ', 'csat', 'value', '>=', 0.75, undefined, 'ratio'],
  ] as const)('%s', (expression, metric, field, op, threshold, serviceLevelSeconds, unit) => {
    const t = parse(expression);
    expect(t).toMatchObject({ expression: expression.trim(), metric, field, op, unit, optional: false });
    expect(t.threshold).toBeCloseTo(threshold, 12);
    expect(t.serviceLevelSeconds).toBe(serviceLevelSeconds);
  });

  it('keeps the optional flag from the config', () => {
    expect(parse('csat >= 80%', true).optional).toBe(true);
  });

  it('a metric id alone reads its defaultField when the registry names one', () => {
    const t = parseTarget('chats > 5', { metrics: [{ id: 'chats', unit: 'count', defaultField: 'total' }] });
    expect(t.field).toBe('total');
  });

  it('validates against the metric registry when no list is given', () => {
    expect(() => parseTarget('no_such_metric >= 1')).toThrow(/unknown metric "no_such_metric"/);
  });

  it('plain ids (no units given) are accepted and their unit guessed from the id', () => {
    expect(parseTarget('missed_rate <= 5%', { metrics: ['missed_rate'] }).threshold).toBeCloseTo(0.05, 12);
    expect(parseTarget('queue_time.p90 <= 1m', { metrics: ['queue_time'] }).threshold).toBe(60);
  });
});

describe('parseTarget: mistakes are usage errors that quote the expression', () => {
  it.each([
    ['', /empty expression/],
    ['80 percent fast', /no comparison/],
    ['csat => 80%', /did you mean ">="/],
    ['csat = 80%', /did you mean "=="/],
    ['csat != 80%', /"!=" is not a comparison/],
    ['>= 80%', /nothing before ">="/],
    ['csat >=', /nothing after ">="/],
    ['csat >= 80% <= 90%', /more than one comparison/],
    ['csat score >= 80%', /"csat score" is not a metric reference/],
    ['cstat >= 80%', /unknown metric "cstat": did you mean csat\?/],
    ['frobnication >= 3', /unknown metric "frobnication"/],
    ['first_response_time <= 2m', /first_response_time needs a field: \.median, \.p90, \.mean, \.max/],
    ['first_response_time.average <= 2m', /first_response_time has no field "average"/],
    ['first_response_time.p90 <= 80%', /duration and "80%" a percentage/],
    ['first_response_time.p90 <= 2 minutes', /"2 minutes" is not a number, percentage or duration/],
    ['csat >= 2m', /csat is a ratio and "2m" a duration/],
    ['csat >= 80', /"80" is not a share between 0 and 1: write 80% or 0.8/],
    ['csat >= 120%', /not a share between 0 and 1/],
    ['csat.business.p90 <= 1h', /csat is not a duration: it has no business-time figures/],
    ['nps > 30%', /nps is a count or score, not a ratio/],
    ['nps > 1h', /nps is a count or score and "1h" a duration/],
    ['csat(20s) >= 80%', /only service_level takes a time in brackets, not csat/],
    ['service_level(fast) >= 80%', /"fast" is not a duration/],
    ['80% in soon', /"soon" is not a duration/],
    ['eighty in 20s', /"eighty" is not a share/],
    ['180% in 20s', /"180%" is not a share/],
  ])('%j', (expression, message) => {
    let error: unknown;
    try {
      parse(expression);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    const e = error as UsageError;
    expect(e.code).toBe('BAD_TARGET');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`target "${expression.trim()}"`);
    expect(e.message).toMatch(message);
    expect(e.hint).toMatch(/e\.g\.|chatkpi metrics/);
  });

  it('points at the bad part by column', () => {
    expect(() => parse('first_response_time.p90 <= 2 minutes')).toThrow(/\(column 28\)/);
  });
});

describe('serviceLevelThresholds', () => {
  it('lists each T once, in first-seen order, and ignores targets without one', () => {
    const targets = ['80% in 20s', 'csat >= 80%', 'service_level(60s) >= 90%', 'service_level(20) >= 70%', 'service_level >= 0.5'].map((e) => parse(e));
    expect(serviceLevelThresholds(targets)).toEqual([20, 60]);
  });

  it('is empty with no targets', () => {
    expect(serviceLevelThresholds([])).toEqual([]);
  });
});
