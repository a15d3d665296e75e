// Load a fixture into the records an adapter sees, without the streaming input layer (adapter unit tests).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Adapter, AdapterContext, AdapterOptions } from '../../src/adapters/types.js';
import { foldConversation } from '../../src/conversations/fold.js';
import type { Conversation } from '../../src/conversations/types.js';
import type { ChatEvent } from '../../src/events/types.js';
import { normalizeHeader, resolveFields, type FieldMapping } from '../../src/inputs/columns.js';
import type { CsvRow, JsonRecord, RawRecord } from '../../src/inputs/types.js';

export function defaultAdapterOptions(over: Partial<AdapterOptions> = {}): AdapterOptions {
  return { inputTz: 'UTC', botNames: new Set(), keepText: true, ...over };
}

export function testContext(file: string, mapping = new Map<string, FieldMapping>(), over: Partial<AdapterOptions> = {}): AdapterContext & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    file,
    options: defaultAdapterOptions(over),
    columnName: (field) => mapping.get(field)?.columns[0],
    state: new Map(),
    warn: (m) => warnings.push(m),
    warnings,
  };
}

/** CSV fixture → one CsvRow per record (line numbers are physical lines where each record starts). */
export function csvRows(path: string, adapter: Adapter): { rows: CsvRow[]; mapping: Map<string, FieldMapping>; headers: string[] } {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n'));
  const delimiter = [',', ';', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  const records = parse(text, { delimiter, relax_column_count: true, info: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  const headers = (records.shift()?.record ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
  const mapping = resolveFields(adapter.fields ?? {}, headers);
  let line = 2;
  const rows: CsvRow[] = records.map(({ record, info }) => {
    const row: CsvRow = {
      kind: 'csv',
      line,
      get: (field) => {
        const m = mapping.get(field);
        return m === undefined ? undefined : (record[m.indexes[0]!] ?? '');
      },
      getAll: (field) => (mapping.get(field)?.indexes ?? []).map((i) => record[i] ?? '').filter((v) => v !== ''),
    };
    line = info.lines + 1;
    return row;
  });
  void normalizeHeader;
  return { rows, mapping, headers };
}

/** JSON fixture → records: a top-level array's items, the array under `wrapperKey` (dotted path), or NDJSON lines. */
export function jsonRecords(path: string, wrapperKey?: string): JsonRecord[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (path.endsWith('.ndjson') || path.endsWith('.jsonl')) {
    return text
      .split('\n')
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => l.trim() !== '')
      .map(({ l, i }) => ({ kind: 'json', line: i + 1, value: JSON.parse(l) as unknown }));
  }
  let value: unknown = JSON.parse(text);
  if (wrapperKey) for (const k of wrapperKey.split('.')) value = (value as Record<string, unknown>)[k];
  const items = Array.isArray(value) ? value : [value];
  return items.map((v, i) => ({ kind: 'json', line: i + 1, value: v as unknown }));
}

export function toEvents(adapter: Adapter, records: RawRecord[], ctx: AdapterContext): ChatEvent[] {
  return records.flatMap((r) => adapter.toEvents(r, ctx));
}

/** Events → conversations by id, through the real fold. */
export function foldAll(events: ChatEvent[], countBots = false): Map<string, Conversation> {
  const byId = new Map<string, ChatEvent[]>();
  for (const e of events) {
    const list = byId.get(e.conversationId) ?? [];
    list.push(e);
    byId.set(e.conversationId, list);
  }
  const out = new Map<string, Conversation>();
  for (const [id, list] of byId) out.set(id, foldConversation(id, list, { countBots, keepText: true }));
  return out;
}

/**
 * `bytes` pushed in pieces of `size` through one buffer refilled for every piece, as the file reader does, and
 * overwritten with `filler` after each push: what the reader keeps must be copies.
 */
export function pushRefilled(push: (chunk: Buffer) => void, bytes: Buffer, size: number, filler: number): void {
  const reused = Buffer.alloc(size);
  for (let i = 0; i < bytes.length; i += size) {
    const n = bytes.copy(reused, 0, i, i + size);
    push(reused.subarray(0, n));
    reused.fill(filler);
  }
}
