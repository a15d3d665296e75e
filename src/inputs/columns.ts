// Resolve an adapter's FIELDS against a CSV header: which columns to decode, and what `inspect` shows.
import type { ColumnMatcher } from './types.js';

export interface FieldMapping {
  field: string;
  /** Indexes of the matching header cells, in header order. */
  indexes: number[];
  /** The header names they resolved to (as written in the file). */
  columns: string[];
}

export function normalizeHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

function matches(matcher: string | RegExp, normalized: string): boolean {
  return typeof matcher === 'string' ? normalizeHeader(matcher) === normalized : matcher.test(normalized);
}

/**
 * For each field: the first alternative that matches any column wins (so synonyms are tried in order);
 * a RegExp alternative may match several columns (`operator 1 nick`, `operator 2 nick`).
 */
export function resolveFields(
  fields: Readonly<Record<string, ColumnMatcher>>,
  headers: readonly string[],
): Map<string, FieldMapping> {
  const normalized = headers.map(normalizeHeader);
  const out = new Map<string, FieldMapping>();
  for (const [field, matcher] of Object.entries(fields)) {
    const alternatives = Array.isArray(matcher) ? (matcher as readonly (string | RegExp)[]) : [matcher as string | RegExp];
    for (const alt of alternatives) {
      const indexes: number[] = [];
      normalized.forEach((h, i) => {
        if (matches(alt, h)) indexes.push(i);
      });
      if (indexes.length > 0) {
        out.set(field, { field, indexes, columns: indexes.map((i) => headers[i] ?? '') });
        break;
      }
    }
  }
  return out;
}

/** Sorted, de-duplicated column indexes a reader must decode; everything else in a row is skipped. */
export function neededColumns(mapping: Map<string, FieldMapping>): number[] {
  const set = new Set<number>();
  for (const m of mapping.values()) for (const i of m.indexes) set.add(i);
  return [...set].sort((a, b) => a - b);
}
