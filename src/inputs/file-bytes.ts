// A file's bytes for the byte-level fast path, on the main thread or in its reader thread.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

/**
 * A file's bytes, gunzipped when it starts with the gzip magic. Plain files are read into one reused buffer, so
 * reading a gigabyte allocates nothing per chunk (the consumer copies what it keeps).
 */
export async function* fileBytes(path: string, onRaw: (bytes: number) => void, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const fd = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const first = await fd.read(buffer, 0, buffer.length, null);
    if (first.bytesRead >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) {
      const raw = createReadStream(path, { highWaterMark: 1 << 18 });
      raw.on('data', (c: Buffer | string) => onRaw(c.length));
      for await (const chunk of raw.pipe(createGunzip({ chunkSize: 1 << 18 }))) yield chunk as Buffer;
      return;
    }
    let n = first.bytesRead;
    while (n > 0) {
      onRaw(n);
      yield buffer.subarray(0, n);
      n = (await fd.read(buffer, 0, buffer.length, null)).bytesRead;
    }
  } finally {
    await fd.close();
  }
}
