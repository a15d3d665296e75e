// The metric registry, in catalogue order (METRICS.md) so reports list them as analysts expect.
import * as registry from './registry.js';
import type { Metric } from './types.js';

// Typed so that every registry line must export a Metric.
const entries: Record<string, Metric> = registry;

const CATALOGUE_ORDER = [
  'chats', 'chats_per_day', 'missed_rate', 'volume_heatmap', 'seasonality',
  'first_response_time', 'queue_time', 'wait_time', 'service_level', 'response_time', 'longest_customer_wait',
  'resolution_time', 'chat_duration', 'wrap_up_time', 'handle_time', 'backlog',
  'csat', 'ces', 'nps', 'fcr', 'resolution_rate', 'reopen_rate', 'transfer_rate', 'escalation_rate',
  'conversion_rate', 'canned_response_rate', 'agent_csat',
  'rephrase_requests', 'solution_acknowledged', 'sentiment_shift',
  'concurrency', 'agents_online', 'staffing',
];

const rank = (id: string): number => {
  const i = CATALOGUE_ORDER.indexOf(id);
  return i === -1 ? CATALOGUE_ORDER.length : i;
};

// Ids by code unit, as the adapters' (adapters/index.ts): no ICU collator at start-up.
export const METRICS: readonly Metric[] = Object.values(entries).sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function findMetric(id: string): Metric | undefined {
  return METRICS.find((m) => m.id === id);
}
