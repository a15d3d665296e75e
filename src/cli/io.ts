// What the CLI may touch of the outside world, injected so tests run commands in-process.
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Readonly<Record<string, string | undefined>>;
  /** stdout is a terminal: tables by default, colour allowed. */
  isTTY: boolean;
  /** stderr is a terminal: a progress bar on long inputs. */
  isStderrTTY?: boolean;
}

/** Colour only on a terminal, never with NO_COLOR (any value) or --no-color (https://no-color.org). */
export function colorAllowed(io: Io, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (io.env.NO_COLOR !== undefined) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}
