// Format sniffing on the decoded head: JSON vs NDJSON vs CSV (and its delimiter), and the Sample adapters detect from.
import { parse as parseCsvSync } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { normalizeHeader } from './columns.js';
import { parseJsonHead, type JsonShape } from './json.js';
import type { InputFormat, Sample } from './types.js';

export const SAMPLE_RECORDS = 50;

export interface Sniffed {
  format: InputFormat;
  delimiter?: ',' | ';' | '\t';
  headers?: string[];
  records: unknown[];
  json?: JsonShape;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Complete, non-empty lines of the head (the last one only if the head is the whole content). */
function headLines(text: string, isComplete: boolean, max: number): string[] {
  const lines = text.split(/\r?\n/);
  if (!isComplete) lines.pop();
  return lines.filter((l) => l.trim() !== '').slice(0, max);
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * A line-per-object file is NDJSON unless its objects look like pages of an API dump (an array of objects
 * inside and no `id` of their own): `{"chats":[...],"next_url":...}` saved one response per line.
 */
function looksLikePage(obj: Record<string, unknown>): boolean {
  if ('id' in obj) return false;
  for (const v of Object.values(obj)) {
    if (Array.isArray(v) && v.some(isPlainObject)) return true;
    if (isPlainObject(v)) {
      for (const w of Object.values(v)) if (Array.isArray(w) && w.some(isPlainObject)) return true;
    }
  }
  return false;
}

function sniffNdjson(text: string, isComplete: boolean): unknown[] | undefined {
  const lines = headLines(text, isComplete, SAMPLE_RECORDS + 1);
  if (lines.length < 2) return undefined;
  // One broken line among the first must not turn the file into "JSON": it is skipped and counted later.
  const values = lines.slice(0, 5).map(tryParse);
  if (!isPlainObject(values[0]) || values.filter(isPlainObject).length < Math.min(2, values.length)) return undefined;
  if (values.some((v) => v !== undefined && !isPlainObject(v))) return undefined;
  if (looksLikePage(values[0] as Record<string, unknown>)) return undefined;
  return lines.slice(0, SAMPLE_RECORDS).map(tryParse).filter((v) => v !== undefined);
}

/** Counts each candidate delimiter on the header line, outside quotes. */
export function sniffDelimiter(text: string): ',' | ';' | '\t' | undefined {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  let best: ',' | ';' | '\t' | undefined;
  for (const d of [',', ';', '\t'] as const) if (counts[d] > 0 && (best === undefined || counts[d] > counts[best])) best = d;
  return best;
}

/** Binary data: NUL bytes or many control characters / invalid UTF-8 in the first kilobytes. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > n * 0.02;
}

function unknownFormat(file: string, what: string): InputError {
  return new InputError('UNKNOWN_FORMAT', { file }, `not CSV, JSON or NDJSON (${what})`,
    'chatkpi reads CSV (comma, semicolon or tab separated, with a header row), JSON and NDJSON exports, optionally gzipped');
}

function sniffCsv(file: string, text: string, isComplete: boolean): Sniffed {
  const delimiter = sniffDelimiter(text);
  if (delimiter === undefined) throw unknownFormat(file, 'the first line has no comma, semicolon or tab');
  // Cut the head at its last line break so a half line is not taken for a ragged row.
  const cut = isComplete ? text : text.slice(0, Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'), 0));
  let rows: string[][] = [];
  for (const limit of [SAMPLE_RECORDS + 1, 10, 1]) {
    try {
      rows = parseCsvSync(cut, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: limit, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
      break;
    } catch {
      // A head cut inside a quoted multi-line field: retry on fewer rows.
    }
  }
  const headers = (rows[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
  if (headers.length === 0) throw unknownFormat(file, 'no header row');
  const records = rows.slice(1).filter((r) => r.length === headers.length).map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
  return { format: 'csv', delimiter, headers, records };
}

export function sniff(file: string, text: string, isComplete: boolean): Sniffed {
  const start = text.search(/\S/);
  if (start < 0) throw new InputError('EMPTY_FILE', { file }, 'the file is empty', 'check the export finished; an empty export has nothing to audit');
  const first = text[start];
  if (first === '{' || first === '[') {
    const ndjson = first === '{' ? sniffNdjson(text, isComplete) : undefined;
    if (ndjson) return { format: 'ndjson', records: ndjson };
    const json = parseJsonHead(file, text, isComplete);
    if (json) return { format: 'json', records: json.records, json };
  }
  if (looksBinary(text)) throw unknownFormat(file, 'binary data');
  return sniffCsv(file, text, isComplete);
}

export function toSample(path: string, s: Sniffed, encoding: Sample['encoding'], hasBom: boolean): Sample {
  const sample: Sample = { path, format: s.format, encoding, hasBom, records: s.records };
  if (s.delimiter) sample.delimiter = s.delimiter;
  if (s.headers) {
    sample.headers = s.headers;
    sample.normalizedHeaders = s.headers.map(normalizeHeader);
  }
  if (s.json?.wrapperKey !== undefined) sample.wrapperKey = s.json.wrapperKey;
  if (s.json?.topLevelKeys !== undefined) sample.topLevelKeys = s.json.topLevelKeys;
  return sample;
}
