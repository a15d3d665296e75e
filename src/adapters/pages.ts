// API pages read whole: when an export's page object reaches an adapter as one record (an input layer that did not
// unwrap `_embedded.conversations` or `data.payload`), the adapter still finds the items inside it.
import { at, isRecord } from './common.js';
import type { ChatEvent } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import type { Detection } from './types.js';

/** The item array at the first of `paths` that holds one, if `value` is such a page; undefined otherwise. */
export function pageItems(value: unknown, paths: readonly string[]): unknown[] | undefined {
  if (!isRecord(value)) return undefined;
  for (const path of paths) {
    const items = at(value, path);
    if (Array.isArray(items)) return items;
  }
  return undefined;
}

/** The record detection should look at: the page's first item when the sample holds whole pages. */
export function firstItem(records: readonly unknown[], paths: readonly string[]): unknown {
  const first = records[0];
  return pageItems(first, paths)?.[0] ?? first;
}

/**
 * Detection for a JSON export whose records may come as whole pages: not JSON, or no object to look at, scores 0;
 * otherwise `judge` scores the first item.
 */
export function detectPaged(sample: Sample, paths: readonly string[], judge: (first: Record<string, unknown>) => Detection): Detection {
  if (sample.format === 'csv') return { score: 0, reason: 'not JSON' };
  const first = firstItem(sample.records, paths);
  if (!isRecord(first)) return { score: 0, reason: 'no JSON object records' };
  return judge(first);
}

/** The events of a JSON record that may be a whole page: `itemEvents` for each object item (or the record itself). */
export function pagedEvents(record: RawRecord, paths: readonly string[], itemEvents: (item: Record<string, unknown>) => ChatEvent[]): ChatEvent[] {
  if (record.kind !== 'json') return [];
  const r = record.value;
  if (!isRecord(r)) return [];
  const items = pageItems(r, paths);
  if (items !== undefined) return items.flatMap((value) => pagedEvents({ ...record, value }, paths, itemEvents));
  return itemEvents(r);
}
