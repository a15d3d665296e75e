// A duration metric from one span per conversation: the shape most speed metrics share.
import type { Capability, Conversation } from '../conversations/types.js';
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
  /** [from, to] in ms for an eligible conversation, undefined to leave it out. */
  span(c: Conversation, options: MetricOptions): readonly [number, number] | undefined;
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
      return {
        add(c) {
          const s = spec.span(c, options);
          if (s !== undefined) d.add(s[0], s[1]);
        },
        result: () => d.result(),
      };
    },
  };
}
