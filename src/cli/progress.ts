// A progress bar on stderr for long inputs, only when stderr is a terminal (never in pipes or CI logs).
import type { Io } from './io.js';

export interface Progress {
  update(file: string, bytesRead: number, totalBytes: number | undefined): void;
  done(): void;
}

const NONE: Progress = { update: () => undefined, done: () => undefined };
/** Below this size a run is over before a bar helps. */
const MIN_BYTES = 20 * 1024 * 1024;

export function createProgress(io: Io, enabled: boolean): Progress {
  if (!enabled || io.isStderrTTY !== true) return NONE;
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(file, bytesRead, totalBytes) {
      const now = Date.now();
      if (now - last < 200) return;
      if (totalBytes !== undefined && totalBytes < MIN_BYTES) return;
      last = now;
      shown = true;
      const seconds = Math.max(0.001, (now - started) / 1000);
      const rate = `${(bytesRead / 1e6 / seconds).toFixed(0)} MB/s`;
      const name = file.length > 30 ? `…${file.slice(-29)}` : file;
      if (totalBytes !== undefined && totalBytes > 0) {
        const share = Math.min(1, bytesRead / totalBytes);
        const width = 30;
        const filled = Math.round(share * width);
        io.stderr.write(`\r${name} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${rate}   `);
      } else {
        io.stderr.write(`\r${name} ${(bytesRead / 1e6).toFixed(0)} MB read, ${rate}   `);
      }
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
    },
  };
}
