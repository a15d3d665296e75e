// Decoding a span of a Buffer without Buffer#toString's argument checks and encoding lookup, which cost more than
// the decoding itself for the short fields a row is made of.

/** Node's unchecked slice bindings (on Buffer.prototype since Node 0.x, not in its type declarations). */
interface SliceBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

const HAS_SLICES = typeof (Buffer.prototype as Partial<SliceBuffer>).latin1Slice === 'function'
  && typeof (Buffer.prototype as Partial<SliceBuffer>).utf8Slice === 'function';

/** Bytes [start, end) of `buf` as latin1 (one character a byte). */
export function latin1(buf: Buffer, start: number, end: number): string {
  return HAS_SLICES ? (buf as SliceBuffer).latin1Slice(start, end) : buf.toString('latin1', start, end);
}

/** Bytes [start, end) of `buf` decoded as UTF-8. */
export function utf8(buf: Buffer, start: number, end: number): string {
  return HAS_SLICES ? (buf as SliceBuffer).utf8Slice(start, end) : buf.toString('utf8', start, end);
}
