// The general path holds open conversations in the JS heap: past most of it, a clear error instead of V8's fatal
// out-of-memory abort (issue 6: 200,000 conversations open at once under a 128 MB heap aborted with a V8 trace).
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Share of the old generation past which the run stops, when a full collection does not bring it back under. */
export const HEAP_SHARE = 0.85;
/** V8's heap limit also counts the young generation (3 x 16 MiB semi-spaces on 64-bit), which never holds state long. */
const YOUNG_BYTES = 48 * 1024 * 1024;

export interface HeapReading {
  usedBytes: number;
  /** What the old generation may grow to. */
  limitBytes: number;
}

export function readHeap(): HeapReading {
  const h = getHeapStatistics();
  return { usedBytes: h.used_heap_size, limitBytes: Math.max(h.heap_size_limit - YOUNG_BYTES, h.heap_size_limit / 2) };
}

let gc: (() => void) | null | undefined;

/**
 * A full collection, so a reading counts live objects only. Node exposes gc() only under --expose-gc; the flag
 * can be set late, and a new context then has it. Without it (a runtime that refuses), readings are taken as is.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

/**
 * Full when the heap is past HEAP_SHARE of its limit even after a full collection. A reading past it with garbage
 * in it costs one collection, and the next is forced only once the heap has grown halfway to the limit again.
 */
export class HeapGuard {
  private floorBytes = 0;
  last: HeapReading = { usedBytes: 0, limitBytes: 0 };

  constructor(
    private readonly probe: () => HeapReading = readHeap,
    private readonly collect: () => void = collectGarbage,
    private readonly share = HEAP_SHARE,
  ) {}

  isFull(): boolean {
    let r = this.probe();
    this.last = r;
    if (r.usedBytes <= Math.max(this.share * r.limitBytes, this.floorBytes)) return false;
    this.collect();
    r = this.probe();
    this.last = r;
    if (r.usedBytes > this.share * r.limitBytes) return true;
    this.floorBytes = r.usedBytes + (r.limitBytes - r.usedBytes) / 2;
    return false;
  }
}
