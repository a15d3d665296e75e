// `chatkpi check` lines on the shared fixture: marks, actual figures or reasons, group misses, summary.
import { describe, expect, it } from 'vitest';
import { renderCheckLines } from '../../src/reports/check.js';
import { HOSTILE_AGENT, reportFixture } from './report-fixture.js';

describe('renderCheckLines', () => {
  it('prints one line per target, the groups that miss it, and the summary', () => {
    const out = renderCheckLines(reportFixture(), { color: false });
    expect(out).toBe([
      'PASS  80% in 20s                      actual 82.5%',
      `      FAIL  agent ${HOSTILE_AGENT}   actual 70.0%`,
      '      1 of 2 groups meet it',
      'FAIL  first_response_time.p90 <= 2m   actual 2h 10m',
      'FAIL  csat >= 80%                     n/a: export has no rating field',
      'PASS  nps > 30                        actual 31',
      'MISS  missed_rate <= 5%               actual 7.5%  (optional)',
      '3 passed, 3 failed, 1 optional missed',
      '',
    ].join('\n'));
  });

  it('colours the marks only with color:true', () => {
    const plain = renderCheckLines(reportFixture(), { color: false });
    const coloured = renderCheckLines(reportFixture(), { color: true });
    expect(plain).not.toMatch(/\x1b\[/);
    expect(coloured).toContain('\x1b[32mPASS\x1b[39m');
    expect(coloured).toMatch(/\x1b\[31m(\x1b\[1m)?FAIL/);
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  it('does not repeat an unavailable metric\'s reason for every group', () => {
    const line = { expression: 'queue_time.p90 <= 1m', metric: 'queue_time', field: 'p90', op: '<=' as const, threshold: 60, actual: null, passed: false, reason: 'export has no assignment times', unit: 'seconds' as const };
    const out = renderCheckLines({ targets: [line, { ...line, group: { by: 'agent', key: 'Ana' } }, { ...line, group: { by: 'agent', key: 'Luis' } }] }, { color: false });
    expect(out).toBe('FAIL  queue_time.p90 <= 1m   n/a: export has no assignment times\n      0 of 2 groups meet it\n0 passed, 3 failed\n');
  });

  it('says so when there are no targets', () => {
    expect(renderCheckLines({ targets: [] }, { color: false })).toMatch(/^no targets to check: give --target/);
  });

  it('an optional target with an unavailable metric passes and still shows the reason', () => {
    const out = renderCheckLines({ targets: [{ expression: 'csat >= 80%', metric: 'csat', field: 'value', op: '>=', threshold: 0.8, actual: null, passed: true, optional: true, reason: 'export has no rating field' }] }, { color: false });
    expect(out).toBe('PASS  csat >= 80%   n/a: export has no rating field  (optional)\n1 passed, 0 failed\n');
  });
});
