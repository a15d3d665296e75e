// Bytes of one input: raw file or stdin → gunzip (by magic bytes) → BOM / UTF-16 handling → UTF-8 chunks.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { constants as zlibConstants, createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { Encoding } from './types.js';
import type { InputSource } from './resolve.js';

/** How much of an input is read to sniff it: enough for a header and a few dozen records. */
export const HEAD_BYTES = 64 * 1024;
const READ_CHUNK = 1024 * 1024;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export interface DecodedHead {
  /** UTF-8 bytes of the start of the content (BOM removed, UTF-16 transcoded). */
  bytes: Buffer;
  encoding: Encoding;
  hasBom: boolean;
  gzip: boolean;
  /** True when the head holds the whole content. */
  isComplete: boolean;
}

/** Reads raw chunks until `limit` bytes (or the end); the stream stays open for stdin's replay. */
export async function readRawHead(iterator: AsyncIterator<unknown>, limit: number): Promise<{ chunks: Buffer[]; done: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const next = await iterator.next();
    if (next.done) return { chunks, done: true };
    const chunk = toBuffer(next.value);
    chunks.push(chunk);
    total += chunk.length;
  }
  return { chunks, done: false };
}

export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('input stream yielded a non-byte chunk');
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII text. */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  return (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) || (oddNul > pairs * 0.4 && evenNul < pairs * 0.05);
}

export function detectEncoding(file: string, bytes: Uint8Array): { encoding: Encoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 };
  if (looksLikeBomlessUtf16(bytes)) {
    throw new InputError('UTF16_NO_BOM', { file }, 'looks like UTF-16 text without a byte order mark, so its byte order is unknown',
      're-save the file as UTF-8 (or as UTF-16 with a BOM, "Unicode" in Excel)');
  }
  return { encoding: 'utf8', bomLength: 0 };
}

/** Inflates the start of a gzip stream, stopping after `limit` bytes (a small head can inflate to gigabytes). */
function inflateHead(file: string, raw: Buffer, limit: number): Promise<{ bytes: Buffer; ended: boolean }> {
  return new Promise((resolve, reject) => {
    // SYNC_FLUSH: inflate what is there without complaining that the stream stops mid-way.
    const gz = createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const out: Buffer[] = [];
    let total = 0;
    let settled = false;
    const finish = (ended: boolean): void => {
      if (settled) return;
      settled = true;
      resolve({ bytes: Buffer.concat(out), ended });
    };
    gz.on('data', (chunk: Buffer) => {
      out.push(chunk);
      total += chunk.length;
      if (total >= limit) {
        finish(false);
        gz.destroy();
      }
    });
    gz.on('end', () => finish(true));
    gz.on('error', (err) => {
      if (settled) return;
      settled = true;
      reject(new InputError('BAD_GZIP', { file }, `not a valid gzip file: ${err.message}`, 'decompress it yourself to check it is intact'));
    });
    gz.end(raw);
  });
}

/** Decodes the sniffing head from the raw head bytes (a gzip head is inflated as far as it goes). */
export async function decodeHead(file: string, raw: Buffer, rawComplete: boolean): Promise<DecodedHead> {
  const gzip = isGzip(raw);
  let content = raw;
  let complete = rawComplete;
  if (gzip) {
    const inflated = await inflateHead(file, raw, HEAD_BYTES + 1);
    content = inflated.bytes;
    complete = rawComplete && inflated.ended;
  }
  if (content.length > HEAD_BYTES) {
    content = content.subarray(0, HEAD_BYTES);
    complete = false;
  }
  const { encoding, bomLength } = detectEncoding(file, content);
  let bytes = content.subarray(bomLength);
  if (encoding !== 'utf8') bytes = Buffer.from(new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(bytes), 'utf8');
  return { bytes, encoding, hasBom: bomLength > 0, gzip, isComplete: complete };
}

/** Raw chunks of a source: a fresh file stream, or (stdin) the head already read followed by the rest. */
export function rawChunks(source: InputSource, replay?: { chunks: Buffer[]; rest: AsyncIterator<unknown> | undefined }): AsyncIterable<Buffer> {
  if (replay) {
    return (async function* () {
      for (const c of replay.chunks) yield c;
      if (replay.rest) {
        for (;;) {
          const next = await replay.rest.next();
          if (next.done) return;
          yield toBuffer(next.value);
        }
      }
    })();
  }
  return createReadStream(source.path, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>;
}

async function* gunzip(file: string, raw: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const gz = createGunzip({ chunkSize: 256 * 1024 });
  const input = Readable.from(raw);
  input.on('error', (err) => gz.destroy(err));
  input.pipe(gz);
  try {
    for await (const chunk of gz) yield chunk as Buffer;
  } catch (err) {
    if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('Z_')) {
      throw new InputError('BAD_GZIP', { file }, `gzip data is damaged: ${err.message}`, 'decompress it yourself to check it is intact');
    }
    throw err;
  } finally {
    input.destroy();
  }
}

/** Strips the BOM and transcodes UTF-16 to UTF-8, so every reader sees UTF-8 bytes. */
async function* toUtf8(raw: AsyncIterable<Buffer>, encoding: Encoding, bomLength: number): AsyncIterable<Buffer> {
  let toSkip = bomLength;
  const decoder = encoding === 'utf8' ? undefined : new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
  for await (let chunk of raw) {
    if (toSkip > 0) {
      const n = Math.min(toSkip, chunk.length);
      chunk = chunk.subarray(n);
      toSkip -= n;
    }
    if (chunk.length === 0) continue;
    if (decoder === undefined) yield chunk;
    else {
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield Buffer.from(text, 'utf8');
    }
  }
  if (decoder !== undefined) {
    const tail = decoder.decode();
    if (tail.length > 0) yield Buffer.from(tail, 'utf8');
  }
}

export interface ContentOptions {
  file: string;
  gzip: boolean;
  encoding: Encoding;
  hasBom: boolean;
  /** Called with the raw bytes read so far (compressed bytes for .gz, so it compares with the file size). */
  onRawBytes?(bytes: number): void;
}

/** The whole content as UTF-8 chunks. */
export function contentChunks(raw: AsyncIterable<Buffer>, options: ContentOptions): AsyncIterable<Buffer> {
  const counted = countBytes(raw, options.onRawBytes);
  const inflated = options.gzip ? gunzip(options.file, counted) : counted;
  const bomLength = options.hasBom ? (options.encoding === 'utf8' ? 3 : 2) : 0;
  return toUtf8(inflated, options.encoding, bomLength);
}

async function* countBytes(raw: AsyncIterable<Buffer>, onBytes: ((n: number) => void) | undefined): AsyncIterable<Buffer> {
  let total = 0;
  for await (const chunk of raw) {
    total += chunk.length;
    onBytes?.(total);
    yield chunk;
  }
}
