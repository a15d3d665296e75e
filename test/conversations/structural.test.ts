// The structural index (WebAssembly SIMD) finds exactly the delimiters, line ends and quotes a byte loop finds.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StructuralIndex } from '../../src/conversations/structural.js';
import { compileStructural, moduleSource } from '../helpers/wasm.mjs';

function naive(bytes: Uint8Array, delimiter: number, below = 0): number[] {
  const out: number[] = [];
  bytes.forEach((b, i) => {
    if (b === delimiter || b === 0x0a || b === 0x0d || b === 0x22 || b < below) out.push(i);
  });
  return out;
}

describe('structural index', () => {
  it('is the module structural.wat compiles to (npm run build:wasm)', async () => {
    const committed = readFileSync(new URL('../../src/conversations/structural-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(moduleSource(await compileStructural()));
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
});
