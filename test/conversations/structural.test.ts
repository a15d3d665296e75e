// The structural index (WebAssembly SIMD) finds exactly the delimiters, line ends and quotes a byte loop finds.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPLIT_FULL, SPLIT_NO_LINE_END, SPLIT_ODD_ROW, StructuralIndex } from '../../src/conversations/structural.js';
import { compileStructural, moduleSource } from '../helpers/wasm.mjs';

function naive(bytes: Uint8Array, delimiter: number, below = 0): number[] {
  const out: number[] = [];
  bytes.forEach((b, i) => {
    if (b === delimiter || b === 0x0a || b === 0x0d || b === 0x22 || b < below) out.push(i);
  });
  return out;
}

interface Split {
  /** Per row: each field's [start, end, 1 if it holds doubled quotes], its line end and the lines it spans. */
  rows: { fields: [number, number, number][]; lineEnd: number; lines: number }[];
  pos: number;
  why: number;
}

/**
 * What `split` must find, byte by byte: rows of plain or wholly quoted fields from `pos`, until a full table, a row
 * for the JavaScript lanes, or the end of the bytes.
 */
function naiveSplit(bytes: Uint8Array, delimiter: number, pos: number, stride: number, maxRows: number): Split {
  const rows: Split['rows'] = [];
  const n = bytes.length;
  for (;;) {
    if (rows.length === maxRows) return { rows, pos, why: SPLIT_FULL };
    const fields: [number, number, number][] = [];
    let lines = 1;
    let s = pos;
    for (;;) {
      let fieldEnd: number;
      let escaped = 0;
      let i: number;
      if (bytes[s] === 0x22) {
        let j = s + 1;
        for (;;) {
          if (j >= n) return { rows, pos, why: SPLIT_NO_LINE_END };
          if (bytes[j] === 0x22) {
            if (j + 1 >= n) return { rows, pos, why: SPLIT_NO_LINE_END };
            if (bytes[j + 1] !== 0x22) break;
            escaped = 1;
            j += 2;
            continue;
          }
          if (bytes[j] === 0x0a || (bytes[j] === 0x0d && bytes[j + 1] !== 0x0a)) lines++;
          j++;
        }
        s++;
        fieldEnd = j;
        i = j + 1;
        if (i >= n) return { rows, pos, why: SPLIT_NO_LINE_END };
        if (![delimiter, 0x0a, 0x0d].includes(bytes[i]!)) return { rows, pos, why: SPLIT_ODD_ROW };
      } else {
        i = s;
        while (i < n && ![delimiter, 0x0a, 0x0d, 0x22].includes(bytes[i]!)) i++;
        if (i >= n) return { rows, pos, why: SPLIT_NO_LINE_END };
        fieldEnd = i;
      }
      const b = bytes[i];
      if (b === delimiter) {
        if (fields.length + 2 > stride) return { rows, pos, why: SPLIT_ODD_ROW };
        fields.push([s, fieldEnd, escaped]);
        s = i + 1;
      } else if (b === 0x0a || (b === 0x0d && bytes[i + 1] === 0x0a)) {
        fields.push([s, fieldEnd, escaped]);
        const lineEnd = b === 0x0a ? i : i + 1;
        rows.push({ fields, lineEnd, lines });
        pos = lineEnd + 1;
        break;
      } else {
        return { rows, pos, why: SPLIT_ODD_ROW }; // a quote inside an unquoted field, a CR but before an LF
      }
    }
  }
}

describe('structural index', () => {
  it('is the module structural.wat compiles to (npm run build:wasm)', async () => {
    const committed = readFileSync(new URL('../../src/conversations/structural-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(moduleSource(await compileStructural(), await compileStructural(true)));
  });

  it('finds every delimiter, LF, CR and quote, in order, at any length and after a longer chunk (property)', () => {
    const index = StructuralIndex.create(256);
    expect(index).toBeDefined(); // Node 20 has WebAssembly SIMD
    const byte = fc.constantFrom(0x61, 0x2c, 0x3b, 0x09, 0x0a, 0x0d, 0x22, 0xc3, 0x00, 0xff);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 256, size: 'max' }), fc.array(byte, { maxLength: 256, size: 'max' }), fc.constantFrom(0x2c, 0x3b, 0x09), (before, bytes, delimiter) => {
        index!.index(Uint8Array.from(before), delimiter); // leaves its bytes past the next chunk's end
        const chunk = Uint8Array.from(bytes);
        const count = index!.index(chunk, delimiter);
        expect([...index!.positions.subarray(0, count)]).toEqual(naive(chunk, delimiter));
      }),
      { numRuns: 500 },
    );
  });

  it('finds every quote, backslash and control character for NDJSON, at any length (property)', () => {
    const index = StructuralIndex.create(256)!;
    const byte = fc.constantFrom(0x61, 0x5c, 0x22, 0x09, 0x0a, 0x0d, 0x00, 0x1f, 0x20, 0x7f, 0xc3, 0xff);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 256, size: 'max' }), (bytes) => {
        const chunk = Uint8Array.from(bytes);
        const count = index.index(chunk, 0x5c, 0x20);
        expect([...index.positions.subarray(0, count)]).toEqual(naive(chunk, 0x5c, 0x20));
      }),
      { numRuns: 300 },
    );
  });

  it('counts the bytes equal to one value, at any length, after a longer chunk (property)', () => {
    const index = StructuralIndex.create(256)!;
    const byte = fc.constantFrom(0x61, 0x0a, 0x0d, 0x00, 0xff);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 256, size: 'max' }), fc.array(byte, { maxLength: 256, size: 'max' }), (before, bytes) => {
        index.count(Uint8Array.from(before), 0x0a); // leaves its bytes past the next chunk's end
        const chunk = Uint8Array.from(bytes);
        expect(index.count(chunk, 0x0a)).toBe(bytes.filter((b) => b === 0x0a).length);
      }),
      { numRuns: 300 },
    );
  });

  it('indexes bytes written into its region in place, and copies a chunk from anywhere else over them', () => {
    const index = StructuralIndex.create(64)!;
    const region = index.region();
    expect(region.length).toBe(64);
    const row = Buffer.from('a,b\n"c",d\r\n');
    row.copy(region);
    const count = index.index(region.subarray(0, row.length), 0x2c);
    expect([...index.positions.subarray(0, count)]).toEqual(naive(row, 0x2c));
    // a chunk elsewhere replaces what the region held
    const other = Buffer.from('x;y;z\n');
    expect(index.index(other, 0x3b)).toBe(3);
    expect([...index.positions.subarray(0, 3)]).toEqual(naive(other, 0x3b));
    expect(region.subarray(0, other.length).toString()).toBe('x;y;z\n');
  });

  it('indexes a chunk of its full capacity', () => {
    const index = StructuralIndex.create(1 << 16)!;
    const chunk = new Uint8Array(1 << 16).fill(0x2c);
    expect(index.index(chunk, 0x2c)).toBe(1 << 16);
    expect(index.positions[(1 << 16) - 1]).toBe((1 << 16) - 1);
  });

  it('splits rows of plain and quoted fields from any row start, and stops where naive splitting does (property)', () => {
    const index = StructuralIndex.create(256)!;
    const byte = fc.constantFrom(0x61, 0x62, 0x2c, 0x2c, 0x0a, 0x0a, 0x0d, 0x22, 0x22, 0xc3);
    // whole quoted fields too, so that quotes come in their usual places as well as anywhere
    const piece = fc.oneof(
      fc.array(byte, { minLength: 1, maxLength: 4 }),
      fc.array(byte, { maxLength: 6 }).map((inside) => [0x22, ...inside.flatMap((b) => (b === 0x22 ? [b, b] : [b])), 0x22]),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 48 }), fc.nat(), fc.integer({ min: 1, max: 6 }), (pieces, from, stride) => {
        const bytes = pieces.flat().slice(0, 256);
        const chunk = Uint8Array.from(bytes);
        const count = index.index(chunk, 0x2c);
        // start at a row's start (after a line feed, or at 0), from a position index that may lag behind it
        const feeds = bytes.flatMap((b, i) => (b === 0x0a ? [i + 1] : []));
        const pos = [0, ...feeds][from % (feeds.length + 1)]!;
        const k = from % 2 === 0 ? 0 : [...index.positions.subarray(0, count)].findIndex((p) => p >= pos);
        const rows = index.split(k === -1 ? count : k, count, pos, chunk.length, 0x2c, stride);
        const expected = naiveSplit(chunk, 0x2c, pos, stride, Math.floor((1 << 15) / stride));
        const got: Split['rows'] = [];
        for (let r = 0; r < rows; r++) {
          const fields: [number, number, number][] = [];
          for (let f = 0; f < index.rows[3 * r]!; f++) {
            const at = r * stride + f;
            fields.push([index.starts[at]!, index.ends[at]!, index.quoted[at]!]);
          }
          got.push({ fields, lineEnd: index.rows[3 * r + 1]!, lines: index.rows[3 * r + 2]! });
        }
        expect({ rows: got, pos: index.state[1], why: index.state[2] }).toEqual(expected);
        // the position index where it stopped: the first position at or after that byte
        const next = [...index.positions.subarray(0, count)].findIndex((p) => p >= expected.pos);
        expect(index.state[0]).toBe(next === -1 ? count : next);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a quoted field with doubled quotes, delimiters and line breaks inside, and counts its lines', () => {
    const index = StructuralIndex.create(256)!;
    const chunk = Buffer.from('a,"x ""y"", z\r\nw\rv",\r\n"",""\n');
    const count = index.index(chunk, 0x2c);
    expect(index.split(0, count, 0, chunk.length, 0x2c, 4)).toBe(2);
    const text = (at: number): string => chunk.subarray(index.starts[at], index.ends[at]).toString();
    expect([text(0), text(1), text(2)]).toEqual(['a', 'x ""y"", z\r\nw\rv', '']);
    expect([...index.quoted.subarray(0, 3)]).toEqual([0, 1, 0]);
    expect([...index.rows.subarray(0, 3)]).toEqual([3, chunk.indexOf('\n"",'), 3]); // CR LF and a lone CR inside: 2 more lines
    expect([text(4), text(5), index.rows[3], index.rows[5]]).toEqual(['', '', 2, 1]);
    expect(index.state[2]).toBe(SPLIT_NO_LINE_END);
  });

  it('fills its table and says so: the next call goes on from where it stopped', () => {
    const index = StructuralIndex.create(1 << 16)!;
    const chunk = Buffer.from('a\n'.repeat(10_000));
    const count = index.index(chunk, 0x2c);
    let rows = 0;
    let calls = 0;
    let k = 0;
    let pos = 0;
    for (;;) {
      const got = index.split(k, count, pos, chunk.length, 0x2c, 2);
      calls++;
      expect(index.rows[3 * got - 2]).toBe(2 * (rows + got) - 1); // the last row's line feed
      rows += got;
      [k, pos] = [index.state[0]!, index.state[1]!];
      if (index.state[2] !== SPLIT_FULL) break;
    }
    expect(rows).toBe(10_000);
    expect(calls).toBe(3); // 4,096 rows a call at most
    expect(index.state[2]).toBe(SPLIT_NO_LINE_END);
    expect(pos).toBe(chunk.length);
  });
});
