// Targets against hand-built results: overall and per-group lines, unavailable metrics, null figures, optional.
import { describe, expect, it } from 'vitest';
import type { MetricResult } from '../../src/metrics/types.js';
import type { Report } from '../../src/reports/types.js';
import { compare, evaluateTargets, targetsPassed } from '../../src/targets/evaluate.js';
import type { MetricInfo } from '../../src/targets/fields.js';
import { parseTarget } from '../../src/targets/parse.js';

const KNOWN: MetricInfo[] = [
  { id: 'csat', unit: 'ratio' },
  { id: 'first_response_time', unit: 'seconds' },
  { id: 'nps', unit: 'score' },
  { id: 'queue_time', unit: 'seconds' },
  { id: 'service_level', unit: 'ratio' },
];
const target = (e: string, optional = false) => parseTarget(e, { optional, metrics: KNOWN });

const FRT: MetricResult = { unit: 'seconds', count: 5, mean: 40, median: 30, p90: 100, max: 120, business: { count: 5, mean: 20, median: 15, p90: 50, max: 60 } };
// 33 of 40 chats within 20 s = 0.825; within 60 s 36 of 40 = 0.9
const SL: MetricResult = { value: 0.825, threshold_seconds: 20, count: 40, by_threshold: { '20': 0.825, '60': 0.9 } };

function report(metrics: Record<string, MetricResult>, groups: Report['groups'] = {}): Pick<Report, 'metrics' | 'groups'> {
  return { metrics, groups };
}

describe('evaluateTargets overall', () => {
  it.each([
    ['80% in 20s', 0.825, true],
    ['85% in 20s', 0.825, false],
    ['service_level >= 82.5%', 0.825, true], // equal meets >=
    ['service_level > 82.5%', 0.825, false], // equal does not meet >
    ['90% in 60s', 0.9, true], // read from by_threshold["60"]
    ['95% in 1m', 0.9, false],
    ['first_response_time.p90 <= 100', 100, true],
    ['first_response_time.p90 < 100', 100, false],
    ['first_response_time.median <= 30s', 30, true],
    ['first_response_time.business.p90 <= 1m', 50, true],
    ['first_response_time.business.max < 1m', 60, false],
    ['nps > 30', 31, true],
    ['nps == 31', 31, true],
    ['nps < 31', 31, false],
  ])('%s → actual %s, passed %s', (expression, actual, passed) => {
    const [line] = evaluateTargets([target(expression)], report({ service_level: SL, first_response_time: FRT, nps: { value: 31 } }));
    expect(line).toMatchObject({ expression, actual, passed });
    expect(line!.group).toBeUndefined();
  });

  it('reads keys that hold a dot (p99.9) and nested figures', () => {
    const frt: MetricResult = { ...FRT, 'p99.9': 119, business: { median: 15, 'p99.9': 59 } };
    const lines = evaluateTargets([target('first_response_time.p99.9 <= 2m'), target('first_response_time.business.p99.9 <= 1m')], report({ first_response_time: frt }));
    expect(lines.map((l) => [l.actual, l.passed])).toEqual([[119, true], [59, true]]);
    const nested = parseTarget('chats.by_status.missed <= 3', { metrics: [{ id: 'chats', unit: 'count' }] });
    expect(evaluateTargets([nested], report({ chats: { value: 10, by_status: { missed: 4 } } }))[0]).toMatchObject({ actual: 4, passed: false });
  });

  it('a fraction computed in floating point meets an equal threshold (0.1 + 0.2 >= 30%)', () => {
    const [line] = evaluateTargets([target('csat >= 30%')], report({ csat: { value: 0.1 + 0.2 } }));
    expect(line!.passed).toBe(true);
    expect(compare(0.1 + 0.2, '>', 0.3)).toBe(false);
  });

  it('copies what reporters need: field, op, threshold, unit, threshold_seconds', () => {
    const [line] = evaluateTargets([target('service_level(60s) >= 90%')], report({ service_level: SL }));
    expect(line).toEqual({
      expression: 'service_level(60s) >= 90%', metric: 'service_level', field: 'value', op: '>=', threshold: 0.9,
      actual: 0.9, passed: true, unit: 'ratio', threshold_seconds: 60,
    });
  });
});

describe('targets without a figure', () => {
  it('an unavailable metric fails with its reason', () => {
    const [line] = evaluateTargets([target('queue_time.p90 <= 1m')], report({ queue_time: { available: false, reason: 'export has no assignment times' } }));
    expect(line).toMatchObject({ actual: null, passed: false, reason: 'export has no assignment times' });
  });

  it('an optional target on an unavailable metric passes, still showing the reason', () => {
    const lines = evaluateTargets([target('csat >= 80%', true)], report({ csat: { available: false, reason: 'export has no rating field' } }));
    expect(lines[0]).toMatchObject({ actual: null, passed: true, optional: true, reason: 'export has no rating field' });
    expect(targetsPassed(lines)).toBe(true);
  });

  it('an optional target that misses on its figure is not passed, but does not fail the run', () => {
    const lines = evaluateTargets([target('csat >= 80%', true)], report({ csat: { value: 0.5 } }));
    expect(lines[0]).toMatchObject({ actual: 0.5, passed: false, optional: true });
    expect(targetsPassed(lines)).toBe(true);
  });

  it.each([
    ['a null figure', 'csat >= 80%', { csat: { value: null, responses: 0 } }, 'no eligible conversations'],
    ['a metric not computed', 'csat >= 80%', {}, 'csat was not computed'],
    ['no business figures', 'first_response_time.business.p90 <= 1h', { first_response_time: { unit: 'seconds', count: 1, median: 5, p90: 5, mean: 5, max: 5 } }, 'no business-time figures (add --business-hours)'],
    ['a percentile not asked for', 'first_response_time.p95 <= 1m', { first_response_time: FRT }, 'first_response_time has no p95 (add --percentiles 95)'],
    ['a T the engine did not measure', '90% in 45s', { service_level: SL }, 'service level at 45 s was not computed'],
    ['a field that is not a number', 'csat.label >= 3', { csat: { value: 0.5, label: 'good' } }, 'csat.label is not a number'],
  ])('%s fails with a reason', (_name, expression, metrics, reason) => {
    const [line] = evaluateTargets([target(expression)], report(metrics as Record<string, MetricResult>));
    expect(line).toMatchObject({ actual: null, passed: false, reason });
    expect(targetsPassed([line!])).toBe(false);
  });
});

describe('per-group lines', () => {
  const groups: Report['groups'] = {
    agent: [
      { key: 'Ana', metrics: { csat: { value: 0.9 }, first_response_time: { ...FRT, p90: 50 } } },
      { key: 'Luis', metrics: { csat: { value: 0.6 }, first_response_time: { ...FRT, p90: 200 } } },
      { key: 'Marta', metrics: { csat: { value: null, responses: 0 }, first_response_time: { ...FRT, p90: 90 } } },
    ],
    channel: [{ key: 'web', metrics: { csat: { value: 0.81 }, first_response_time: FRT } }],
  };

  it('follow each overall line, one per group of every dimension, and the overall line names the misses', () => {
    const lines = evaluateTargets([target('csat >= 80%'), target('first_response_time.p90 <= 2m')], report({ csat: { value: 0.82 }, first_response_time: FRT }, groups));
    expect(lines.map((l) => [l.expression, l.group ? `${l.group.by}:${l.group.key}` : 'all', l.actual, l.passed])).toEqual([
      ['csat >= 80%', 'all', 0.82, true],
      ['csat >= 80%', 'agent:Ana', 0.9, true],
      ['csat >= 80%', 'agent:Luis', 0.6, false],
      ['csat >= 80%', 'agent:Marta', null, true], // nothing to measure in this group: not a miss
      ['csat >= 80%', 'channel:web', 0.81, true],
      ['first_response_time.p90 <= 2m', 'all', 100, true],
      ['first_response_time.p90 <= 2m', 'agent:Ana', 50, true],
      ['first_response_time.p90 <= 2m', 'agent:Luis', 200, false],
      ['first_response_time.p90 <= 2m', 'agent:Marta', 90, true],
      ['first_response_time.p90 <= 2m', 'channel:web', 100, true],
    ]);
    expect(lines[0]!.reason).toBe('missed by agent Luis');
    expect(lines[3]!.reason).toBe('no eligible conversations');
    expect(lines[5]!.reason).toBe('missed by agent Luis');
    // a group miss fails the run even though every overall line passed
    expect(targetsPassed(lines)).toBe(false);
  });

  it('with every group meeting it, the run passes and the overall line has no reason', () => {
    const lines = evaluateTargets([target('csat >= 50%')], report({ csat: { value: 0.82 } }, { channel: groups.channel! }));
    expect(lines).toHaveLength(2);
    expect(lines[0]!.reason).toBeUndefined();
    expect(targetsPassed(lines)).toBe(true);
  });

  it('names at most five keys per dimension', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => ({ key, metrics: { csat: { value: 0.1 } } }));
    const [overall] = evaluateTargets([target('csat >= 80%')], report({ csat: { value: 0.9 } }, { agent: many }));
    expect(overall!.reason).toBe('missed by agent a, b, c, d, e and 2 more');
  });
});
