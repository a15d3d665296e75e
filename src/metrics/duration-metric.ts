// A duration metric from one span per conversation: the shape most speed metrics share.
import type { ConversationBatch } from '../conversations/batch.js';
import type { Capability } from '../conversations/types.js';
import { overColumns } from './columns.js';
import { DurationDistribution } from './stats.js';
import type { Metric, MetricOptions } from './types.js';

export interface DurationSpec {
  id: string;
  description: string;
  needs: readonly Capability[];
  isDefault?: boolean;
  /** As Metric.readsPeople: false when `span` never reads who took part. */
  readsPeople?: false;
  /** As Metric.readsReplies: false when `span` never reads the reply waits. */
  readsReplies?: false;
  /**
   * For an eligible conversation (row i of the batch): sets `out` to [from, to] in ms and returns true; false leaves
   * it out. Written into the fold's own pair rather than returned as a new one: a pair per conversation and metric
   * was an eighth of everything a large report allocated.
   */
  span(b: ConversationBatch, i: number, options: MetricOptions, out: Span): boolean;
}

/** From and to, in ms. */
export type Span = [from: number, to: number];

/** Sets `out` to [from, to] when both are present (not NaN, ConversationBatch's absent time): whether they are. */
export function spanOf(out: Span, from: number, to: number): boolean {
  if (Number.isNaN(from) || Number.isNaN(to)) return false;
  out[0] = from;
  out[1] = to;
  return true;
}

/** A Metric whose result is the distribution of `span` over eligible conversations (count 0 when none). */
export function durationMetric(spec: DurationSpec): Metric {
  return {
    id: spec.id,
    description: spec.description,
    unit: 'seconds',
    defaultField: 'median',
    needs: spec.needs,
    isDefault: spec.isDefault ?? true,
    ...(spec.readsPeople === false ? { readsPeople: false as const } : {}),
    ...(spec.readsReplies === false ? { readsReplies: false as const } : {}),
    create(options) {
      const d = new DurationDistribution(options.clock, options.percentiles);
      const s: Span = [0, 0];
      return overColumns({
        addBatch(b) {
          for (let i = 0; i < b.size; i++) if (spec.span(b, i, options, s)) d.add(s[0], s[1]);
        },
        result: () => d.result(),
      });
    },
  };
}
