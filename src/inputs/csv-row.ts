// The CsvRow handed to adapters: field name → column index resolved once per file, cells filled per row.
import type { FieldMapping } from './columns.js';
import type { CsvRow } from './types.js';

/**
 * One object per file, refilled for every row (CsvRow says adapters must not keep it). `cells` is indexed by
 * column; the fast reader fills only the needed columns.
 */
export class MutableCsvRow implements CsvRow {
  readonly kind = 'csv' as const;
  line = 0;
  cells: (string | undefined)[] = [];
  private readonly first: Map<string, number>;
  private readonly all: Map<string, readonly number[]>;

  constructor(mapping: Map<string, FieldMapping>) {
    this.first = new Map();
    this.all = new Map();
    for (const [field, m] of mapping) {
      if (m.indexes.length > 0) this.first.set(field, m.indexes[0]!);
      this.all.set(field, m.indexes);
    }
  }

  get(field: string): string | undefined {
    const i = this.first.get(field);
    return i === undefined ? undefined : (this.cells[i] ?? '');
  }

  getAll(field: string): string[] {
    const indexes = this.all.get(field);
    if (indexes === undefined) return [];
    const out: string[] = [];
    for (const i of indexes) {
      const v = this.cells[i];
      if (v !== undefined && v !== '') out.push(v);
    }
    return out;
  }
}

export function raggedReason(cells: number, headerCells: number): string {
  return `row has ${cells} field${cells === 1 ? '' : 's'}, the header has ${headerCells}`;
}
