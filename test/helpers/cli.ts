// Run the CLI in-process and capture what it prints and returns.
import { Readable, Writable } from 'node:stream';
import { run } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export async function cli(args: string[], options: { stdin?: string | Buffer; env?: Record<string, string>; isTTY?: boolean } = {}): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const stdin = Readable.from(options.stdin === undefined ? [] : [typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin]);
  const code = await run(args, {
    stdin,
    stdout: out.stream,
    stderr: err.stream,
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    isStderrTTY: false,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

export async function reportJson(args: string[], options: Parameters<typeof cli>[1] = {}): Promise<Record<string, unknown> & { metrics: Record<string, Record<string, unknown>> }> {
  const r = await cli(['report', ...args, '--format', 'json'], options);
  if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown> & { metrics: Record<string, Record<string, unknown>> };
}
