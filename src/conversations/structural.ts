// The structural index of a chunk (structural.wat): the positions of its delimiters, line feeds, carriage returns
// and double quotes (and, for NDJSON, of its backslashes and control characters), in order, found by WebAssembly
// SIMD. The fast path's reader reads a row's fields from them instead of walking its bytes: for CSV the module
// also splits the rows into a table of fields (`split`), a few thousand rows a call.
import { STRUCTURAL_WASM, STRUCTURAL_WASM_SHARED } from './structural-wasm.js';

/** The largest chunk indexed: a read (1 MiB on the main thread, 256 KiB on the reader thread) and a carried row. */
export const INDEX_CAPACITY = (1 << 20) + (64 << 10);

// The little of the WebAssembly API used here (the project's TypeScript libraries have no DOM types, where
// TypeScript declares it).
interface WasmModule { readonly brand?: 'module' }
interface WasmMemory { readonly buffer: ArrayBuffer | SharedArrayBuffer }
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (size: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Instance: new (module: WasmModule, imports: { env: { memory: WasmMemory } }) => { exports: unknown };
}
interface StructuralExports {
  scan(base: number, n: number, delimiter: number, below: number, out: number): number;
  count(base: number, n: number, byte: number): number;
  split(base: number, k: number, count: number, pos: number, n: number, delimiter: number, stride: number, maxRows: number,
    positions: number, starts: number, ends: number, quoted: number, rows: number, state: number): number;
}

/** Why `split` stopped (StructuralIndex.state[2]): a full table, a row JavaScript must read, no line end. */
export const SPLIT_FULL = 0;
export const SPLIT_ODD_ROW = 1;
export const SPLIT_NO_LINE_END = 2;
/** Ints of `split`'s field table (starts, and as many ends): a call fills at most this many fields' room. */
const TABLE_INTS = 1 << 15;
/** Rows a `split` call writes at most. */
const TABLE_ROWS = 4096;
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

const compiled: { private?: WasmModule | null; shared?: WasmModule | null } = {};

/** The compiled module, once per thread and kind; null where WebAssembly SIMD (or shared memory) is missing (the byte loops run instead). */
function structuralModule(shared: boolean): WasmModule | null {
  const kind = shared ? 'shared' : 'private';
  let module = compiled[kind];
  if (module === undefined) {
    try {
      module = wasm === undefined ? null : new wasm.Module(Buffer.from(shared ? STRUCTURAL_WASM_SHARED : STRUCTURAL_WASM, 'base64'));
    } catch {
      module = null;
    }
    compiled[kind] = module;
  }
  return module;
}

export class StructuralIndex {
  /** The positions found by the last `index`, from 0 (only the first `index()` entries are meaningful). */
  readonly positions: Int32Array;
  /** `split`'s rows: the fields' starts and ends, `stride` ints a row, and 1 for a field with doubled quotes. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly quoted: Uint8Array;
  /** `split`'s rows: field count, line end (the LF) and the lines the row spans, three ints a row. */
  readonly rows: Int32Array;
  /** After `split`: the position index and the byte where it stopped, and why (SPLIT_FULL...). */
  readonly state: Int32Array;
  /** The memory: a SharedArrayBuffer when the index was made `shared`. */
  private readonly memory: ArrayBuffer | SharedArrayBuffer;
  private readonly scan: StructuralExports['scan'];
  private readonly countOf: StructuralExports['count'];
  private readonly splitRows: StructuralExports['split'];
  private readonly out: number;
  /** Where region 0 starts, and the distance from one region to the next. */
  private readonly firstRegion: number;
  private readonly regionBytes: number;
  /** Where the region `index`, `split` and `count` read (`use`) starts. */
  private base: number;

  private constructor(api: WasmApi, module: WasmModule, readonly capacity: number, readonly regions: number, shared: boolean) {
    // room for a position per input byte, `split`'s tables (starts, ends, quoted, rows, state), then the input
    // regions, each with 16 bytes the last SIMD block may read past it
    const out = 0;
    const starts = out + 4 * (capacity + 16);
    const ends = starts + 4 * TABLE_INTS;
    const quoted = ends + 4 * TABLE_INTS;
    const rows = quoted + TABLE_INTS;
    const state = rows + 12 * TABLE_ROWS;
    this.firstRegion = (state + 16 + 15) & ~15;
    this.regionBytes = (capacity + 16 + 15) & ~15;
    const pages = Math.ceil((this.firstRegion + regions * this.regionBytes) / 65_536);
    // sized once and never grown: growing would detach the buffer the views below hold
    const memory = new api.Memory(shared ? { initial: pages, maximum: pages, shared } : { initial: pages });
    const instance = new api.Instance(module, { env: { memory } });
    const exports = instance.exports as unknown as StructuralExports;
    this.scan = exports.scan;
    this.countOf = exports.count;
    this.splitRows = exports.split;
    this.memory = memory.buffer;
    this.base = this.firstRegion;
    this.positions = new Int32Array(memory.buffer, out, capacity + 16);
    this.starts = new Int32Array(memory.buffer, starts, TABLE_INTS);
    this.ends = new Int32Array(memory.buffer, ends, TABLE_INTS);
    this.quoted = new Uint8Array(memory.buffer, quoted, TABLE_INTS);
    this.rows = new Int32Array(memory.buffer, rows, 3 * TABLE_ROWS);
    this.state = new Int32Array(memory.buffer, state, 4);
    this.out = out;
  }

  /**
   * An index for chunks of up to `capacity` bytes, or undefined where WebAssembly SIMD is missing. `regions`: input
   * regions a reader may fill in turn; `shared`: in a SharedArrayBuffer, so that another thread can read a
   * region's chunk where it was read (the reader thread's, fast-worker.ts).
   */
  static create(capacity = INDEX_CAPACITY, regions = 1, shared = false): StructuralIndex | undefined {
    const module = structuralModule(shared);
    if (module === null || wasm === undefined) return undefined;
    try {
      return new StructuralIndex(wasm, module, capacity, regions, shared);
    } catch {
      return undefined; // a shared memory refused
    }
  }

  /**
   * Region `r`, where the scan reads its input, as a Buffer of `capacity` bytes: a reader that reads its file into
   * it spares `index` a copy of every chunk.
   */
  region(r = 0): Buffer<ArrayBuffer> {
    return Buffer.from(this.memory as ArrayBuffer, this.firstRegion + r * this.regionBytes, this.capacity);
  }

  /** From now on `index`, `split` and `count` read region `r`. */
  use(r: number): void {
    this.base = this.firstRegion + r * this.regionBytes;
  }

  /**
   * Indexes `buf` (at most `capacity` bytes): returns how many positions `positions` now holds. `below`: bytes
   * under it are positions too (NDJSON passes 0x20 and the backslash as `delimiter`; CSV none).
   */
  index(buf: Uint8Array, delimiter: number, below = 0): number {
    this.place(buf);
    return this.scan(this.base, buf.length, delimiter, below, this.out);
  }

  /**
   * The rows of the chunk last indexed (CSV, `count` positions) whose fields are plain or wholly quoted, from
   * position index `k` and the row at byte `pos` (`n` the chunk's length): see structural.wat. Each row's fields
   * go `stride` apart in `starts`, `ends` and `quoted` (a row of more fields is JavaScript's to read); returns how
   * many rows `rows` describes, `state` where and why it stopped.
   */
  split(k: number, count: number, pos: number, n: number, delimiter: number, stride: number): number {
    const maxRows = Math.min(TABLE_ROWS, Math.floor(TABLE_INTS / stride));
    return this.splitRows(this.base, k, count, pos, n, delimiter, stride, maxRows, this.out, this.starts.byteOffset, this.ends.byteOffset,
      this.quoted.byteOffset, this.rows.byteOffset, this.state.byteOffset);
  }

  /** How many bytes of `buf` (at most `capacity`) equal `byte`. */
  count(buf: Uint8Array, byte: number): number {
    this.place(buf);
    return this.countOf(this.base, buf.length, byte);
  }

  /** `buf` in the current region: copied there unless it is there already (see `region`). */
  private place(buf: Uint8Array): void {
    if (buf.buffer !== this.memory || buf.byteOffset !== this.base) new Uint8Array(this.memory, this.base, buf.length).set(buf);
  }
}
