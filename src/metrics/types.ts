// The metric contract: one calculator per file, a fold over conversations (STYLE.md §3).
import type { ConversationBatch } from '../conversations/batch.js';
import type { Capability, Conversation } from '../conversations/types.js';
import type { Clock } from '../time/clock.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A metric's figures as they appear in the JSON report: snake_case keys, seconds, ratios 0..1. */
export type MetricResult = { [key: string]: JsonValue };

export function unavailable(reason: string): MetricResult {
  return { available: false, reason };
}

export interface MetricOptions {
  /** T of the service level, seconds (default 20). */
  serviceLevelSeconds: number;
  /** Unanswered chats the customer left within this many seconds are left out (`--short-abandon`). */
  shortAbandonSeconds?: number;
  /** Bot replies count as responses (`--count-bots`); results say so. */
  countBots: boolean;
  /** Calendar and business durations in the report's zone. */
  clock: Clock;
  /** FCR: a new conversation from the same customer within this window is a recontact (default 7 days). */
  recontactWindowSeconds: number;
  /** Extra percentiles beyond p90 (`--percentiles 75,95,99`). */
  percentiles: readonly number[];
  /** End of the data, or `--as-of`: open conversations' age is measured to it. */
  asOf?: number;
  /** Free-form per-metric settings from the config file (`metrics.<id>`) and options. */
  settings: Readonly<Record<string, unknown>>;
}

export interface MetricFold {
  add(conversation: Conversation): void;
  /**
   * The batch's rows, in order: the same as `add` on each one's record. A fold that has it is written over columns
   * (`overColumns`), and the fast path then folds a large report without building records.
   */
  addBatch?(batch: ConversationBatch): void;
  result(): MetricResult;
}

export interface Metric {
  /** snake_case id: the JSON key and the name in target expressions. */
  id: string;
  /** One line, printed by `chatkpi metrics`. */
  description: string;
  unit: 'seconds' | 'ratio' | 'count' | 'score';
  /** Figures a target names when it says only the id (`csat >= 80%` reads `value`). */
  defaultField: string;
  /** A missing capability makes the metric `{ available: false, reason }`. */
  needs: readonly Capability[];
  /** Part of the default report (false for the costly or roster-based ones). */
  isDefault: boolean;
  /**
   * false: the metric never reads who took part (agent, agents, replyAgents, department, channel, customerId).
   * When no metric of a run reads them and nothing groups or transforms conversations, the fast path leaves them
   * out of the conversations it builds (`--metrics first_response_time,service_level` folds ~10% faster).
   * 'customer': it reads customerId and nothing else of them (FCR): the fast path then leaves out the agents,
   * department and channel (the default report's only reader of people is FCR).
   */
  readsPeople?: false | 'customer';
  /**
   * false: the metric never reads the reply waits (replyWaits, replyAgents). When no metric of a run reads them and
   * nothing groups or transforms conversations, the fast path neither tracks nor builds them (`--metrics
   * first_response_time,service_level`: ~7% less work on the folding thread).
   */
  readsReplies?: false;
  create(options: MetricOptions): MetricFold;
}
