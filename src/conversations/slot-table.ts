// Slot numbers by a 32-bit hash, in one Int32Array: the fast path's open conversations and FCR's customers are
// found through it. A Map keyed by ids (strings, or chains per hash) cost a hash-table entry object per key and
// most of its lookups in cache misses; this is open addressing with linear probing, at most half full, and
// backward-shift deletion (no tombstones, so probes stay short however many keys come and go).
//
// Callers probe it themselves, since their keys compare differently (bytes, strings):
//   for (let i = table.home(h); table.entry(i) !== 0; i = table.next(i)) { const slot = table.entry(i) - 1; ... }
// and a miss ends at the position where that key goes (`insert`).

export class SlotTable {
  private table: Int32Array;
  private live = 0;

  /** `hashes[slot]`: each slot's hash, kept by the caller (read to move entries when growing and deleting). */
  constructor(private hashes: Int32Array, size = 1 << 12) {
    this.table = new Int32Array(size);
  }

  /** The caller's hashes array was replaced (grown). */
  rebind(hashes: Int32Array): void {
    this.hashes = hashes;
  }

  /** Where the probe for hash `h` starts. */
  home(h: number): number {
    return h & (this.table.length - 1);
  }

  next(i: number): number {
    return (i + 1) & (this.table.length - 1);
  }

  /** Slot + 1 at probe position `i`; 0: empty, the probe ends. */
  entry(i: number): number {
    return this.table[i]!;
  }

  /** Puts `slot` at `i`, where a probe for its hash (hashes[slot]) ended without finding it. */
  insert(i: number, slot: number): void {
    this.table[i] = slot + 1;
    if (++this.live * 2 > this.table.length) this.grow();
  }

  /** Takes `slot` out: the entries after it in its run move up unless their home is after the hole. */
  remove(slot: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let i = this.hashes[slot]! & mask;
    while (table[i] !== slot + 1) i = (i + 1) & mask;
    for (let j = (i + 1) & mask; table[j] !== 0; j = (j + 1) & mask) {
      const home = this.hashes[table[j]! - 1]! & mask;
      if (((j - home) & mask) >= ((j - i) & mask)) {
        table[i] = table[j]!;
        i = j;
      }
    }
    table[i] = 0;
    this.live--;
  }

  clear(): void {
    this.table.fill(0);
    this.live = 0;
  }

  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = table.length - 1;
    for (const e of old) {
      if (e === 0) continue;
      let i = this.hashes[e - 1]! & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = e;
    }
    this.table = table;
  }
}
