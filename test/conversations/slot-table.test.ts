// SlotTable against a Map: the same slots found after any mix of inserts and removals, through growth.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlotTable } from '../../src/conversations/slot-table.js';

/** The slot stored for `key` (hash `h`), found the way callers probe; -1: absent, and `at` where it would go. */
function find(table: SlotTable, keys: number[], key: number, h: number): { slot: number; at: number } {
  let i = table.home(h);
  for (let e = table.entry(i); e !== 0; i = table.next(i), e = table.entry(i)) if (keys[e - 1] === key) return { slot: e - 1, at: i };
  return { slot: -1, at: i };
}

describe('SlotTable', () => {
  it('finds what a Map finds after inserts and removals, with colliding hashes and growth (property)', () => {
    const op = fc.record({ key: fc.integer({ min: 0, max: 300 }), remove: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { minLength: 100, maxLength: 3000, size: 'max' }), fc.constantFrom(0x7, 0xff, -1), (ops, hashMask) => {
        let hashes = new Int32Array(4);
        const table = new SlotTable(hashes, 8);
        const keys: number[] = [];
        const model = new Map<number, number>();
        const free: number[] = [];
        for (const { key, remove } of ops) {
          // a few hash values for many keys: long runs, wrap-around and deletions inside runs
          const h = Math.imul(key, 0x9e3779b1) & hashMask;
          const found = find(table, keys, key, h);
          expect(found.slot).toBe(model.get(key) ?? -1);
          if (remove && found.slot >= 0) {
            table.remove(found.slot);
            model.delete(key);
            free.push(found.slot);
            keys[found.slot] = -1;
          } else if (!remove && found.slot < 0) {
            const slot = free.pop() ?? keys.length;
            if (slot >= hashes.length) {
              const grown = new Int32Array(hashes.length * 2);
              grown.set(hashes);
              hashes = grown;
              table.rebind(hashes);
            }
            keys[slot] = key;
            hashes[slot] = h;
            table.insert(found.at, slot);
            model.set(key, slot);
          }
        }
        for (const [key, slot] of model) expect(find(table, keys, key, Math.imul(key, 0x9e3779b1) & hashMask).slot).toBe(slot);
      }),
      { numRuns: 100 },
    );
  });
});
