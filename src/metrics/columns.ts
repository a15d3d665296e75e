// Metrics written over columns (ConversationBatch): one implementation for records and for the fast path's batches.
import { ConversationBatch } from '../conversations/batch.js';
import type { MetricFold, MetricResult } from './types.js';

/** A fold over batches of conversations; a record is added as a batch of one. */
export function overColumns(fold: { addBatch(batch: ConversationBatch): void; result(): MetricResult }): MetricFold {
  const one = new ConversationBatch(1);
  return {
    add(c) {
      one.setRecord(c);
      fold.addBatch(one);
    },
    addBatch: (batch) => fold.addBatch(batch),
    result: () => fold.result(),
  };
}

/** A time column's value as present: not NaN. */
export function has(at: number): boolean {
  return !Number.isNaN(at);
}
