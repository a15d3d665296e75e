// Ids of conversations folded early, kept as 64-bit fingerprints: 8 bytes each instead of a string, so a
// gigabyte export's hundreds of thousands of ids cost a few megabytes.

/** Open-addressing set of 2×32-bit fingerprints of ids folded early; a hit means "came back" (or, rarely, a false alarm: a safe re-run). */
export class FingerprintSet {
  private table = new Uint32Array(1 << 12);
  private size = 0;

  add(a: number, b: number): void {
    this.addNew(a, b);
  }

  /**
   * Adds the fingerprint unless it is there: false when it was (one probe for both, so a caller that checks every
   * new id and adds it at once touches its cell once instead of twice).
   */
  addNew(a: number, b: number): boolean {
    // At most 3/4 full: linear probing stays short, and 660,000 ids fit in 8 MiB.
    if ((this.size + 1) * 8 > this.table.length * 3) this.rehash();
    a = (a | 1) >>> 0;
    b >>>= 0;
    const t = this.table;
    const i = cell(t, a, b);
    if (t[i] !== 0 || t[i + 1] !== 0) return false;
    t[i] = a;
    t[i + 1] = b;
    this.size++;
    return true;
  }

  has(a: number, b: number): boolean {
    if (this.size === 0) return false;
    // stored unsigned with the low bit set, so an empty cell is (0, 0)
    const t = this.table;
    const i = cell(t, (a | 1) >>> 0, b >>> 0);
    return t[i] !== 0 || t[i + 1] !== 0;
  }

  private rehash(): void {
    const old = this.table;
    const next = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0 && old[i + 1] === 0) continue;
      const at = cell(next, old[i]!, old[i + 1]!); // an empty cell: the old table holds each pair once
      next[at] = old[i]!;
      next[at + 1] = old[i + 1]!;
    }
    this.table = next;
  }
}

/**
 * Where the pair (stored form: `a` with its low bit set) is in `t`, or the empty cell where it would go: the index
 * of its first half. Linear probing from a slot of both hashes; the table is never full.
 */
function cell(t: Uint32Array, a: number, b: number): number {
  const mask = (t.length >>> 1) - 1;
  for (let i = (a ^ (b >>> 7)) & mask; ; i = (i + 1) & mask) {
    const x = t[i * 2]!;
    const y = t[i * 2 + 1]!;
    if ((x === a && y === b) || (x === 0 && y === 0)) return i * 2;
  }
}

/** FNV-1a over the id's UTF-16 code units: the first half of `fingerprint(id)`, for a table keyed by one hash. */
export function fnv1a(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h;
}

/** FNV-1a over bytes [start, end): `fnv1a` of the same text when it is ASCII. */
export function fnv1aBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h;
}

/** Two independent 32-bit hashes of the id in one pass (the first is `fnv1a(id)`). */
export function fingerprint(id: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < id.length; i++) {
    const b = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ b, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return [h1, h2];
}
