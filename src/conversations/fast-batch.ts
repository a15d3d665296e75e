// The records the fast path's reader hands to its fold: per row, where its fields are in a segment of the input
// and what the reader decoded (time, role, rating, the agent's name), in typed arrays that can go to another
// thread and back. The reader owns tokenizing, validation and agent names; the fold owns ids and the
// per-conversation figures.

/**
 * Int32 fields per record: code; [start, end) of the id; the agent's name (an index into the names the batches
 * bring, -1: none); [start, end) of the department, the channel and the customer (the customer id column, else
 * a customer row's author); the quoted bits; the id's number in the reader's cache of recent ids (0: none).
 */
export const RECORD_INTS = 12;
export const F_CODE = 0;
export const F_ID = 1;
export const F_AGENT = 3;
export const F_DEPARTMENT = 4;
export const F_CHANNEL = 6;
export const F_CUSTOMER = 8;
export const F_QUOTED = 10;
/**
 * The reader numbers the ids it has seen recently (a small cache of their bytes): rows with the same number have
 * the same id bytes, so the fold finds their conversation without reading, hashing or comparing those bytes,
 * which the reader has just written on another core. A number is new whenever a cache entry changes hands.
 */
export const F_ID_NUMBER = 11;
/**
 * Bits of F_QUOTED: the field was quoted and holds doubled quotes (its bytes need decoding). The spans from F_DEPARTMENT to
 * F_CUSTOMER follow each other two ints apart and their bits double from Q_DEPARTMENT: the reader fills them in
 * one loop.
 */
export const Q_ID = 1;
export const Q_DEPARTMENT = 2;
export const Q_CHANNEL = 4;
export const Q_CUSTOMER = 8;

// F_CODE: the author's role in bits 0-1, a 1-5 rating in bits 2-4 (0: none), an internal note in bit 5.
export const ROLE_MASK = 0b11;
export const RATING_SHIFT = 2;
export const RATING_BITS = 0b111;
export const INTERNAL_NOTE = 1 << 5;

export interface RowBatch {
  /** Agent names first seen in this batch, in the order of their indices: the fold appends them before reading. */
  names: readonly string[];
  /** The input bytes the records point into (whole records only). */
  bytes: Uint8Array;
  ints: Int32Array;
  /** Each row's time, epoch milliseconds. */
  times: Float64Array;
  count: number;
  /**
   * The reader thread's region of shared memory `bytes` lie in (FastRowReader.handsRegions): given back with the
   * batch, it is read into again. Absent: `bytes` is a segment of their own, or the reader's.
   */
  region?: number;
}

/**
 * Room for `records` records; `shared` in SharedArrayBuffers, for batches that go to another thread and back.
 * Shared, not transferred: moving an ArrayBuffer detaches it, and after the first detach V8 checks for detached
 * buffers on every typed-array access of the thread (1 GB: the reader thread 35% slower, the fold too).
 */
export function newRecords(records: number, shared = false): Pick<RowBatch, 'ints' | 'times'> {
  if (!shared) return { ints: new Int32Array(records * RECORD_INTS), times: new Float64Array(records) };
  return { ints: new Int32Array(new SharedArrayBuffer(records * RECORD_INTS * 4)), times: new Float64Array(new SharedArrayBuffer(records * 8)) };
}

/** Thrown when the input needs the general path after all (out-of-order rows, an odd value). */
export class FastPathAbort extends Error {}
