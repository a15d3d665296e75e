// One hand-built report every reporter test renders: groups, business figures, an unavailable metric, and
// passed, failed and optional target lines. Figures are chosen so each formatted cell is known in advance.
import type { Report } from '../../src/reports/types.js';

export const HOSTILE_AGENT = '<b>Luis</b> | "Bob", & co';

export function reportFixture(): Report {
  return {
    schema_version: 1,
    tool: { name: 'chatkpi', version: '9.8.7' },
    inputs: [{ path: 'exports/chats.csv', adapter: 'generic-messages', records: 120, skipped: 2, warnings: ['line 7: field "at": not a date', 'line 9: field "role": unknown role'] }],
    period: { from: '2026-01-05T00:00:00.000Z', to: '2026-01-31T23:59:59.000Z', timezone: 'Europe/Madrid' },
    settings: { service_level_threshold_seconds: 20, business_hours: 'mon-fri 09:00-18:00' },
    metrics: {
      chats: { value: 40, by_status: { open: 1, missed: 3, resolved: 36 } },
      // 65 s → 1m 05s, 7800 s → 2h 10m
      first_response_time: { unit: 'seconds', count: 37, mean: 65, median: 30, p90: 7800, max: 90061, business: { count: 37, mean: 20, median: 12.5, p90: 600, max: 3600 } },
      service_level: { value: 0.825, threshold_seconds: 20, count: 40, by_threshold: { '20': 0.825, '60': 0.9 } },
      csat: { available: false, reason: 'export has no rating field' },
      nps: { value: 31, promoters: 12, passives: 5, detractors: 4 },
      missed_rate: { value: 0.075 },
    },
    groups: {
      agent: [
        { key: 'Ana', metrics: { chats: { value: 25 }, first_response_time: { unit: 'seconds', count: 24, mean: 40, median: 20, p90: 50, max: 70 }, csat: { available: false, reason: 'export has no rating field' } } },
        { key: HOSTILE_AGENT, metrics: { chats: { value: 15 }, first_response_time: { unit: 'seconds', count: 13, mean: 110, median: 95, p90: 200, max: 400 }, csat: { available: false, reason: 'export has no rating field' } } },
      ],
    },
    targets: [
      { expression: '80% in 20s', metric: 'service_level', field: 'value', op: '>=', threshold: 0.8, actual: 0.825, passed: true, unit: 'ratio', threshold_seconds: 20, reason: `missed by agent ${HOSTILE_AGENT}` },
      { expression: '80% in 20s', metric: 'service_level', field: 'value', op: '>=', threshold: 0.8, actual: 0.85, passed: true, unit: 'ratio', threshold_seconds: 20, group: { by: 'agent', key: 'Ana' } },
      { expression: '80% in 20s', metric: 'service_level', field: 'value', op: '>=', threshold: 0.8, actual: 0.7, passed: false, unit: 'ratio', threshold_seconds: 20, group: { by: 'agent', key: HOSTILE_AGENT } },
      { expression: 'first_response_time.p90 <= 2m', metric: 'first_response_time', field: 'p90', op: '<=', threshold: 120, actual: 7800, passed: false, unit: 'seconds' },
      { expression: 'csat >= 80%', metric: 'csat', field: 'value', op: '>=', threshold: 0.8, actual: null, passed: false, unit: 'ratio', reason: 'export has no rating field' },
      { expression: 'nps > 30', metric: 'nps', field: 'value', op: '>', threshold: 30, actual: 31, passed: true, unit: 'number' },
      { expression: 'missed_rate <= 5%', metric: 'missed_rate', field: 'value', op: '<=', threshold: 0.05, actual: 0.075, passed: false, unit: 'ratio', optional: true },
    ],
    passed: false,
    vendor_checks: {
      first_response_time: { source: 'first response time', conversations: 10, compared: 7, differ: 3, tolerance_seconds: 1, vendor_mean: 38, chatkpi_mean: 41.5, examples: [] },
    },
  };
}
