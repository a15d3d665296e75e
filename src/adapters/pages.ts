// API pages read whole: when an export's page object reaches an adapter as one record (an input layer that did not
// unwrap `_embedded.conversations` or `data.payload`), the adapter still finds the items inside it.
import { at, isRecord } from './common.js';

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
