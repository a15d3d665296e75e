// Layout helpers shared by reporters: each figure kind in its unit, hand-formatted.
import { describe, expect, it } from 'vitest';
import { detailText, formatNumber, formatRatio, formatValue, mainFigures, settingsText, targetActual, targetMark, targetSummary, targetThreshold } from '../../src/reports/format.js';
import type { TargetResult } from '../../src/reports/types.js';

describe('formatValue', () => {
  it.each([
    [0.825, 'ratio', '82.5%'],
    [1, 'ratio', '100.0%'],
    [0, 'ratio', '0.0%'],
    [65, 'seconds', '1m 05s'],
    [12.5, 'seconds', '12.5s'],
    [7800, 'seconds', '2h 10m'],
    [1200, 'number', '1200'],
    [4.333333, 'number', '4.33'],
    [-12.5, 'number', '-12.5'],
    [null, 'ratio', '-'],
    [undefined, 'seconds', '-'],
    ['text', 'number', 'text'],
    [true, 'number', 'yes'],
  ] as const)('%j as %s → %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it('formatRatio takes the number of decimals', () => {
    expect(formatRatio(0.83333, 0)).toBe('83%');
    expect(formatRatio(0.83333, 2)).toBe('83.33%');
    expect(formatNumber(2.005)).toBe('2.01');
  });
});

describe('mainFigures', () => {
  it('a duration distribution in durations, its count as a number', () => {
    expect(mainFigures('first_response_time', { unit: 'seconds', count: 3, mean: 65, median: 30, p90: 59.5, max: 3600 })).toEqual({ value: '', count: '3', mean: '1m 05s', median: '30s', p90: '59.5s', max: '1h 00m' });
  });

  it('a count distribution keeps plain numbers (chats_per_day is not a duration)', () => {
    expect(mainFigures('chats_per_day', { count: 31, mean: 12.25, median: 12, p90: 20, max: 25 })).toEqual({ value: '', count: '31', mean: '12.25', median: '12', p90: '20', max: '25' });
  });

  it('a ratio metric as a percentage; an unavailable one with its reason', () => {
    expect(mainFigures('missed_rate', { value: 0.2, count: 50 }).value).toBe('20.0%');
    expect(mainFigures('csat', { available: false, reason: 'export has no rating field' }).value).toBe('n/a: export has no rating field');
  });
});

describe('detailText', () => {
  it('lists the other figures, flattening one level, in their units', () => {
    expect(detailText('csat', { value: 0.8, responses: 310, mean: 4.3, response_rate: 0.25 })).toBe('responses 310, response rate 25.0%');
    expect(detailText('chats', { value: 10, by_status: { open: 0, missed: 2, resolved: 8 } })).toBe('open 0, missed 2, resolved 8');
  });

  it('cuts long series and says where the rest is', () => {
    const byHour = Object.fromEntries(Array.from({ length: 10 }, (_, h) => [String(h), h]));
    expect(detailText('chats', { value: 45, by_hour: byHour }, 3)).toBe('0 0, 1 1, 2 2, +7 more (see --format json)');
  });
});

describe('targets', () => {
  const base: TargetResult = { expression: 'csat >= 80%', metric: 'csat', field: 'value', op: '>=', threshold: 0.8, actual: 0.75, passed: false, unit: 'ratio' };

  it('formats actual and threshold in the target unit', () => {
    expect(targetActual(base)).toBe('75.0%');
    expect(targetThreshold(base)).toBe('>= 80.0%');
    expect(targetActual({ ...base, actual: null, reason: 'no eligible conversations' })).toBe('n/a: no eligible conversations');
    // without a unit (a report from an older version) the unit comes from the metric id
    const { unit: _unit, ...noUnit } = base;
    expect(targetThreshold({ ...noUnit, metric: 'queue_time', field: 'p90', op: '<=', threshold: 90 })).toBe('<= 1m 30s');
  });

  it('marks and counts: optional misses apart', () => {
    expect(targetMark(base)).toBe('FAIL');
    expect(targetMark({ ...base, optional: true })).toBe('MISS');
    expect(targetMark({ ...base, passed: true })).toBe('PASS');
    expect(targetSummary({ targets: [base, { ...base, passed: true }, { ...base, optional: true }] })).toBe('1 passed, 1 failed, 1 optional missed');
    expect(targetSummary({ targets: [{ ...base, passed: true }] })).toBe('1 passed, 0 failed');
  });
});

describe('settingsText', () => {
  it('names the settings that are set, in order', () => {
    expect(settingsText({ settings: { service_level_threshold_seconds: 20, business_hours: null, count_bots: true, preset: '' } })).toBe('service level threshold seconds 20, count bots yes');
  });
});

describe('detailText of a nested figure set', () => {
  it('names it once and leaves out its unit and min', () => {
    const text = detailText('resolution_time', {
      unit: 'seconds', count: 8, mean: 14220, median: 2730, p90: 34200, max: 90000, min: 0,
      first: { unit: 'seconds', count: 8, mean: 3210, median: 2730, p90: 6420, max: 8820, min: 0 },
      reopened: 1,
    }, 10);
    expect(text).toBe('min 0s, first: count 8, mean 53m 30s, median 45m 30s, p90 1h 47m, max 2h 27m, reopened 1');
  });
});
