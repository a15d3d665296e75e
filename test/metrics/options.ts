// MetricOptions for metric tests: defaults as the CLI sets them, overridable per test.
import { calendarClock, createClock } from '../../src/time/clock.js';
import { parseSchedule } from '../../src/time/business-hours.js';
import type { Conversation } from '../../src/conversations/types.js';
import type { Metric, MetricOptions, MetricResult } from '../../src/metrics/types.js';

export function options(overrides: Partial<MetricOptions> = {}): MetricOptions {
  return {
    serviceLevelSeconds: 20,
    countBots: false,
    clock: calendarClock('UTC'),
    recontactWindowSeconds: 7 * 86_400,
    percentiles: [],
    settings: {},
    ...overrides,
  };
}

/** A clock open Mon–Fri 09:00–17:00 UTC. */
export function businessClock(): MetricOptions['clock'] {
  return createClock({ zone: 'UTC', businessHours: parseSchedule('mon-fri 09:00-17:00') });
}

/** Folds the conversations through a fresh fold of the metric and returns its result. */
export function run(metric: Metric, conversations: Conversation[], overrides: Partial<MetricOptions> = {}): MetricResult {
  const fold = metric.create(options(overrides));
  for (const c of conversations) fold.add(c);
  return fold.result();
}
