// chatkpi's command line: commander wiring; each command builds options, calls one library function, prints.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ADAPTERS } from '../adapters/index.js';
import { ChatkpiError, UsageError } from '../errors.js';
import { formatEventLine } from '../events/wire.js';
import { METRICS } from '../metrics/index.js';
import { buildReport, forEachEvent, inspectInputs } from '../pipeline.js';
import type { Report } from '../reports/types.js';
import { evaluateTargets } from '../targets/evaluate.js';
import { colorAllowed, type Io } from './io.js';
import { addCommonOptions, addMetricOptions, buildRunOptions, type CommonFlags, type MetricFlags } from './options.js';
import { createProgress } from './progress.js';

export type { Io } from './io.js';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../../package.json') as { version: string }).version;
const ISSUES_URL = 'https://github.com/chatkpi/chatkpi/issues';

const REPORT_EXAMPLES = `
Examples:
  $ chatkpi report export.csv                          table on a terminal, JSON in a pipe
  $ chatkpi report export.csv --format json | jq .metrics.first_response_time
  $ chatkpi report 'exports/*.csv.gz' --group-by agent --tz Europe/Madrid
  $ chatkpi report export.csv --target "80% in 20s" --target "csat >= 80%"
  $ chatkpi report export.csv --business-hours "mon-fri 09:00-18:00" --holidays ES --tz Europe/Madrid
  $ chatkpi report export.csv -o report.html
  $ chatkpi events export.csv | chatkpi report -`;

const CHECK_EXAMPLES = `
Examples:
  $ chatkpi check export.csv --target "80% in 20s"           exit 1 if the service level is missed
  $ chatkpi check export.csv -t "first_response_time.p90 <= 2m" -t "missed_rate <= 5%"
  $ chatkpi check export.csv -t "csat >= 80%" --group-by agent     names the agents that miss
  $ chatkpi check export.csv -t "80% in 20s" --format junit -o kpi.xml

Exit codes: 0 every target met, 1 a target missed, 2 usage error, 3 input error, 4 internal error.`;

const EVENTS_EXAMPLES = `
Examples:
  $ chatkpi events export.csv > events.ndjson
  $ chatkpi events export.csv | jq -c 'select(.role == "agent")'
  $ chatkpi events export.csv | chatkpi report -      the same report as chatkpi report export.csv`;

const INSPECT_EXAMPLES = `
Examples:
  $ chatkpi inspect export.csv                 which adapter, why, the column mapping, rows, time range
  $ chatkpi inspect unknown.csv                no adapter fits: shows a proposed --map
  $ chatkpi inspect export.json --format json`;

/** Runs one command line; returns the exit code (CONTRACT.md). Only bin/ touches process. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let debug = argv.includes('--debug');
  const program = new Command();
  let exitCode = 0;
  const write = (text: string): void => void io.stdout.write(text);

  program
    .name('chatkpi')
    .description('Audit chat and helpdesk exports: first response time, service level, resolution, CSAT and more, checked against targets.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    })
    .addHelpText('after', `
Examples:
  $ chatkpi report export.csv
  $ chatkpi check export.csv --target "80% in 20s"
  $ chatkpi inspect export.csv
  $ chatkpi adapters`);

  const metricCommand = (name: string, description: string, examples: string, isCheck: boolean): void => {
    const cmd = program.command(name).description(description).argument('<files...>', 'export files, globs, or - for standard input');
    addMetricOptions(addCommonOptions(cmd)).addHelpText('after', examples);
    cmd.action(async (files: string[], flags: MetricFlags) => {
      debug = flags.debug === true;
      const { run: options, targets } = buildRunOptions(files, flags, io, VERSION);
      // Reporters (cli-table3, chalk) load only when a report is printed: start-up is part of every run.
      const { findReporter, reporterForPath, REPORTERS } = await import('../reports/index.js');
      const reporterId = flags.format ?? (flags.output ? reporterForPath(flags.output)?.id : undefined) ?? (isCheck ? 'check' : io.isTTY ? 'table' : 'json');
      if (reporterId !== 'check' && findReporter(reporterId) === undefined) {
        throw new UsageError('BAD_FORMAT', `--format ${reporterId}: unknown format`, `one of: ${REPORTERS.map((r) => r.id).join(', ')}`);
      }
      const progress = createProgress(io, flags.quiet !== true);
      const warn = (m: string): void => {
        if (flags.quiet !== true) io.stderr.write(`chatkpi: warning: ${m}\n`);
      };
      const result = await buildReport({ ...options, onProgress: progress.update, onWarning: warn });
      progress.done();
      const report: Report = result.report;
      report.targets = evaluateTargets(targets, report);
      report.passed = report.targets.every((t) => t.passed || t.optional === true);
      if (flags.quiet !== true) {
        for (const input of report.inputs) {
          if (input.skipped > 0) io.stderr.write(`chatkpi: ${input.path}: ${input.skipped} rows skipped (see inputs[].warnings)\n`);
          for (const w of input.warnings.slice(0, 5)) io.stderr.write(`chatkpi: ${input.path}: ${w}\n`);
        }
      }
      const color = colorAllowed(io, flags.color === false);
      const text = reporterId === 'check'
        ? (await import('../reports/check.js')).renderCheckLines(report, { color })
        : findReporter(reporterId)!.render(report, { color: flags.output ? false : color });
      if (flags.output) writeFileSync(flags.output, text);
      else write(text);
      exitCode = report.passed ? 0 : 1;
    });
  };

  metricCommand('report', 'compute the KPIs and print them (a table on a terminal, JSON in a pipe)', REPORT_EXAMPLES, false);
  metricCommand('check', 'check the targets only: one line per target; exit 1 if any is missed (for CI)', CHECK_EXAMPLES, true);

  const events = program.command('events').description('print the normalized event stream as NDJSON, one event per line').argument('<files...>', 'export files, globs, or - for standard input');
  addCommonOptions(events).option('-o, --output <file>', 'write to a file').option('--no-text', 'leave message texts out').addHelpText('after', EVENTS_EXAMPLES);
  events.action(async (files: string[], flags: CommonFlags & { output?: string; text: boolean }) => {
    debug = flags.debug === true;
    const { run: options } = buildRunOptions(files, flags, io, VERSION, true);
    options.adapterOptions = { ...options.adapterOptions, keepText: flags.text };
    const chunks: string[] = [];
    let size = 0;
    const flush = (): void => {
      const text = chunks.join('');
      chunks.length = 0;
      size = 0;
      if (flags.output) writeFileSync(flags.output, text, { flag: 'a' });
      else write(text);
    };
    if (flags.output) writeFileSync(flags.output, '');
    const progress = createProgress(io, flags.quiet !== true);
    // A slow reader of the pipe holds the input back: events wait in the export, not in memory.
    const stdout = io.stdout;
    // (a plain NodeJS.WritableStream does not say; a stream that does not is never waited for)
    const needsDrain = (): boolean => (stdout as { writableNeedDrain?: boolean }).writableNeedDrain === true;
    const pace = flags.output ? undefined : (): Promise<void> | undefined =>
      needsDrain() ? new Promise<void>((resolve) => stdout.once('drain', () => resolve())) : undefined;
    const { inputs } = await forEachEvent({ ...options, onProgress: progress.update, ...(pace ? { pace } : {}) }, (e) => {
      const line = formatEventLine(e);
      chunks.push(line);
      size += line.length;
      if (size > 1 << 16) flush();
    });
    flush();
    progress.done();
    if (flags.quiet !== true) {
      for (const input of inputs) {
        io.stderr.write(`chatkpi: ${input.path}: ${input.records} records (${input.adapter})${input.skipped ? `, ${input.skipped} skipped` : ''}\n`);
        for (const w of input.warnings.slice(0, 5)) io.stderr.write(`chatkpi: ${input.path}: ${w}\n`);
      }
    }
  });

  const inspect = program.command('inspect').description('which adapter was chosen and why, the column mapping, rows, time range and problems').argument('<files...>', 'export files, globs, or - for standard input');
  addCommonOptions(inspect).option('--format <format>', 'table or json', 'table').addHelpText('after', INSPECT_EXAMPLES);
  inspect.action(async (files: string[], flags: CommonFlags & { format: string }) => {
    debug = flags.debug === true;
    const { run: options } = buildRunOptions(files, flags, io, VERSION);
    const results = await inspectInputs(options);
    write(flags.format === 'json' ? `${JSON.stringify(results, null, 2)}\n` : (await import('./inspect-view.js')).renderInspect(results, colorAllowed(io, flags.color === false)));
  });

  program
    .command('adapters')
    .description('list the supported vendors and formats with their adapter ids')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExamples:\n  $ chatkpi adapters\n  $ chatkpi adapters --format json | jq -r .[].id')
    .action((flags: { format: string }) => {
      const rows = ADAPTERS.map((a) => ({ id: a.id, vendor: a.vendor, formats: a.formats, docs: a.docs }));
      if (flags.format === 'json') write(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        const width = Math.max(...rows.map((r) => r.id.length));
        write(rows.map((r) => `${r.id.padEnd(width)}  ${r.formats.join('/').padEnd(11)}  ${r.vendor}`).join('\n') + '\n');
      }
    });

  program
    .command('metrics')
    .description('list the metric ids with one-line definitions')
    .option('--format <format>', 'table or json', 'table')
    .addHelpText('after', '\nExamples:\n  $ chatkpi metrics\n  $ chatkpi report export.csv --metrics first_response_time,service_level')
    .action((flags: { format: string }) => {
      const rows = METRICS.map((m) => ({ id: m.id, unit: m.unit, default: m.isDefault, description: m.description }));
      if (flags.format === 'json') write(`${JSON.stringify(rows, null, 2)}\n`);
      else {
        const width = Math.max(...rows.map((r) => r.id.length));
        write(rows.map((r) => `${r.id.padEnd(width)}  ${r.default ? ' ' : '*'} ${r.description}`).join('\n') + '\n\n* not in the default report: ask with --metrics\n');
      }
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    return handleError(err, io, debug);
  }
}

function handleError(err: unknown, io: Io, debug: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version end here too, with code 0.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return 2;
  }
  if (err instanceof ChatkpiError) {
    io.stderr.write(`chatkpi: ${err.message}\n`);
    if (err.hint) io.stderr.write(`  ${err.hint}\n`);
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`chatkpi ${VERSION}: internal error: ${message}\n  this is a bug: please report it with the command line at ${ISSUES_URL}${debug ? '' : ' (add --debug for the stack trace)'}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return 4;
}
