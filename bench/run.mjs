#!/usr/bin/env node
// `npm run bench`: generate the standard workload, time chatkpi against the read floor, csv-parse, papaparse and
// DuckDB (each in its own process: wall time, MB/s, peak RSS), check chatkpi's answers, print one table and the
// goals. Exit 0 when every answer is right (a missed speed goal is a measurement, not a failure), 1 when an answer
// is wrong or a tool fails, 2 on bad options. See bench/README.md.
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import {
  FRT_SL_KEYS, KPI_KEYS, REFERENCE, REPORT_DECIMALS, compareKpis, roundedKeys, evaluateGoals, evaluateVendorGoal, kpisFromReport, kpisFromVendorReport,
  mbPerSecond, parseSize, quoter, renderTable,
} from './lib.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
const SHARED_GENERATOR = resolve(ROOT, '../shared/bench/gen-messages.mjs');
const OWN_GENERATOR = join(BENCH, 'gen-messages.mjs');
const VENDOR_CONVERTER = join(BENCH, 'gen-vendor-json.mjs');
const TASKS = join(BENCH, 'tasks.mjs');
const CHATKPI = join(ROOT, 'bin/chatkpi.js');
const GNU_TIME = '/usr/bin/time';

const USAGE = `usage: npm run bench -- [options]     (or: node bench/run.mjs [options])
  --sizes LIST        comma-separated sizes, m or g (default 100m,1g); 6,600 rows per MB
  --generator G       shared (../shared/bench/gen-messages.mjs, has reference answers) or own
                      (bench/gen-messages.mjs); default shared when it exists
  --seed N            generator seed (default 1: the seed of the reference answers)
  --work DIR          where the workload files go (default $TMPDIR/chatkpi-bench)
  --keep              reuse workload files already in --work and leave them there afterwards
  --chatkpi FILE      the chatkpi entry point to time (default bin/chatkpi.js; e.g. a baseline build)
  --tools LIST        only these rows: read,csv-parse,papaparse,duckdb,chatkpi,chatkpi-frt-sl,variants,vendor-json
                      (variants: NDJSON, gzip, every field quoted and the vendor JSON export; vendor-json:
                      that one alone)
  --rounds N          time the goal rows (read, DuckDB, chatkpi and its variants, gunzip) N times, in
                      interleaved rounds, and keep each row's median (default 3; csv-parse, papaparse and the
                      vendor JSON row run once)
  --json [FILE]       also write the results as JSON (default file bench/out/results.json)
  -h, --help          this text`;

const ALL_TOOLS = ['read', 'csv-parse', 'papaparse', 'duckdb', 'chatkpi', 'chatkpi-frt-sl', 'variants', 'vendor-json'];

class UsageProblem extends Error {}

function parseOptions(argv) {
  const options = {
    sizes: '100m,1g', generator: existsSync(SHARED_GENERATOR) ? 'shared' : 'own', seed: 1,
    work: join(process.env.TMPDIR || tmpdir(), 'chatkpi-bench'), keep: false, chatkpi: CHATKPI, tools: ALL_TOOLS.join(','), json: undefined,
    rounds: 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new UsageProblem(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h': case '--help': process.stdout.write(`${USAGE}\n`); process.exit(0); break;
      case '--sizes': options.sizes = value(); break;
      case '--generator': options.generator = value(); break;
      case '--seed': options.seed = Number(value()); break;
      case '--work': options.work = resolve(value()); break;
      case '--keep': options.keep = true; break;
      case '--chatkpi': options.chatkpi = resolve(value()); break;
      case '--tools': options.tools = value(); break;
      case '--rounds': options.rounds = Number(value()); break;
      case '--json':
        options.json = inline ?? (argv[i + 1] && !argv[i + 1].startsWith('-') ? argv[++i] : join(BENCH, 'out/results.json'));
        break;
      default: throw new UsageProblem(`unknown option ${flag}`);
    }
  }
  if (options.generator !== 'shared' && options.generator !== 'own') throw new UsageProblem('--generator is shared or own');
  if (options.generator === 'shared' && !existsSync(SHARED_GENERATOR)) throw new UsageProblem(`--generator shared: ${SHARED_GENERATOR} not found`);
  if (!Number.isSafeInteger(options.seed)) throw new UsageProblem('--seed needs an integer');
  if (!Number.isSafeInteger(options.rounds) || options.rounds < 1) throw new UsageProblem('--rounds needs a whole number from 1');
  let sizes;
  try {
    sizes = options.sizes.split(',').map(parseSize).sort((a, b) => a.megabytes - b.megabytes);
  } catch (error) {
    throw new UsageProblem(error.message);
  }
  const tools = options.tools.split(',').map((tool) => tool.trim());
  const unknown = tools.filter((tool) => !ALL_TOOLS.includes(tool));
  if (unknown.length > 0) throw new UsageProblem(`--tools: unknown ${unknown.join(', ')} (known: ${ALL_TOOLS.join(', ')})`);
  return { ...options, sizes, tools: new Set(tools) };
}

const log = (text) => process.stderr.write(`${text}\n`);

/** Runs a command to completion; resolves with its exit code, stdout and stderr (both as text). */
function execute(command, args, { stdoutFd } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout?.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({
      code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'),
    }));
  });
}

// ---------- workload files ----------

async function generate(generator, rows, seed, format, file) {
  const part = `${file}.part`;
  const fd = openSync(part, 'w');
  try {
    const started = performance.now();
    const { code, stderr } = await execute(process.execPath, [generator, '--rows', String(rows), '--seed', String(seed), '--format', format], { stdoutFd: fd });
    if (code !== 0) throw new Error(`generator failed (${code}): ${stderr.trim()}`);
    log(`  generated ${file} (${(statSync(part).size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    closeSync(fd);
  }
  renameSync(part, file); // a file under its final name is always complete, so --keep can trust it
}

/** The CSV's conversations as an Intercom conversation.list export (bench/gen-vendor-json.mjs). */
async function convertToVendorJson(csv, file) {
  const part = `${file}.part`;
  const fd = openSync(part, 'w');
  try {
    const started = performance.now();
    const { code, stderr } = await execute(process.execPath, [VENDOR_CONVERTER, '--from', csv], { stdoutFd: fd });
    if (code !== 0) throw new Error(`gen-vendor-json failed (${code}): ${stderr.trim()}`);
    log(`  converted ${file} (${(statSync(part).size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    closeSync(fd);
  }
  renameSync(part, file);
}

/** The CSV with every field quoted (lib.mjs `quoter`), as many exports are written. */
async function quoteEveryField(source, file) {
  const part = `${file}.part`;
  const started = performance.now();
  const quote = quoter();
  async function* quoted(chunks) {
    for await (const chunk of chunks) yield quote(chunk);
    yield quote();
  }
  await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), quoted, createWriteStream(part));
  renameSync(part, file);
  log(`  quoted ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function gzip(source, file) {
  const part = `${file}.part`;
  const started = performance.now();
  await pipeline(createReadStream(source), createGzip({ level: 6 }), createWriteStream(part));
  renameSync(part, file);
  log(`  compressed ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function ensure(file, keep, make) {
  if (keep && existsSync(file)) {
    log(`  reusing ${file}`);
    return;
  }
  await make();
}

/** Reads a file once untimed so every tool meets it in the page cache. */
async function warm(file) {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) void chunk;
}

// ---------- measurements ----------

/**
 * Times one process. Peak RSS comes from GNU time's %M when /usr/bin/time exists, else from the child itself
 * (tasks.mjs prints maxRssKiB; chatkpi gets an --import hook that prints it on exit).
 */
async function measure(tool, args, inputFile) {
  const hasGnuTime = existsSync(GNU_TIME);
  const rssFile = join(tmpdir(), `chatkpi-bench-rss-${process.pid}`);
  const hook = `--import=data:text/javascript,process.on('exit',()=>process.stderr.write('\\nBENCH_MAX_RSS_KIB='+process.resourceUsage().maxRSS+'\\n'))`;
  const [command, commandArgs] = hasGnuTime
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, [hook, ...args]];
  const started = performance.now();
  const { code, stdout, stderr } = await execute(command, commandArgs);
  const seconds = (performance.now() - started) / 1000;
  let rssKiB;
  if (hasGnuTime) {
    rssKiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    rmSync(rssFile, { force: true });
  } else {
    // bin/chatkpi.js may re-run itself with V8 flags (the hook rides along in execArgv): the largest process counts.
    const reported = [...stderr.matchAll(/BENCH_MAX_RSS_KIB=(\d+)/g)].map((match) => Number(match[1]));
    rssKiB = reported.length > 0 ? Math.max(...reported) : Number(JSON.parse(stdout || '{}').maxRssKiB);
  }
  const bytes = statSync(inputFile).size;
  const result = { tool, file: inputFile, bytes, seconds, rssMiB: rssKiB / 1024, exitCode: code };
  if (code !== 0) {
    result.error = stderr.trim().split('\n').slice(-5).join('\n');
    log(`  ${tool.padEnd(16)} FAILED (exit ${code}): ${result.error}`);
    return result;
  }
  try {
    result.output = JSON.parse(stdout);
  } catch {
    result.error = `stdout is not JSON: ${stdout.slice(0, 200)}`;
  }
  const speed = tool === 'startup' ? '-' : mbPerSecond(bytes, seconds).toFixed(0);
  log(`  ${tool.padEnd(19)} ${seconds.toFixed(2).padStart(7)} s  ${speed.padStart(5)} MB/s  ${result.rssMiB.toFixed(0).padStart(5)} MB`);
  return result;
}

const task = (name, file) => measure(name, [TASKS, name, file], file);
const chatkpi = (options, tool, file, extra = []) => measure(tool, [options.chatkpi, 'report', file, '--format', 'json', ...extra], file);

/** `npm run bench` installs DuckDB first (bench/ensure-duckdb.mjs); without it the row is left out, not failed. */
function duckdbInstalled() {
  try {
    import.meta.resolve('@duckdb/node-api');
    return true;
  } catch {
    log('  duckdb           left out: @duckdb/node-api is not installed (npm run bench installs it)');
    return false;
  }
}

// ---------- one size ----------

/** The table's order of rows. */
const ROW_ORDER = ['node-startup', 'read', 'csv-parse', 'papaparse', 'duckdb', 'chatkpi', 'chatkpi-frt-sl', 'chatkpi-ndjson', 'gunzip', 'chatkpi-gz', 'chatkpi-quoted', 'chatkpi-vendor-json'];

/** The vendor JSON row runs at the first size (with `variants` or alone as `vendor-json`). */
const wantsVendorJson = (options) => options.tools.has('variants') || options.tools.has('vendor-json');

/** The size ~10x smaller than `size` at which the vendor JSON row runs again, for the memory-flatness goal. */
const vendorCompanion = (size) => parseSize(`${Number((size.megabytes / 10).toPrecision(6))}m`);

/**
 * One size: generate (or reuse) its files, run the rows, check the answers. A companion size runs only chatkpi on
 * the CSV (the oracle) and on the vendor JSON export of the same rows.
 */
async function runSize(size, options, { companion = false } = {}) {
  const base = join(options.work, `${options.generator}-${size.label}-s${options.seed}`);
  const generator = options.generator === 'shared' ? SHARED_GENERATOR : OWN_GENERATOR;
  const csv = `${base}.csv`;
  const ndjson = `${base}.ndjson`;
  const gz = `${base}.csv.gz`;
  const quotedCsv = `${base}.quoted.csv`;
  const vendorJson = `${base}.intercom.json`;
  const isFirst = size === options.sizes[0];
  // NDJSON and .gz at every size: issue 6 states its goals at 1 GB
  const variants = !companion && options.tools.has('variants');
  const vendor = companion || (wantsVendorJson(options) && isFirst);
  log(`\n${size.label}: ${size.rows.toLocaleString('en-US')} rows from the ${options.generator} generator, seed ${options.seed}${companion ? ' (vendor JSON memory check)' : ''}`);
  await ensure(csv, options.keep, () => generate(generator, size.rows, options.seed, 'csv', csv));
  if (variants) {
    await ensure(ndjson, options.keep, () => generate(generator, size.rows, options.seed, 'ndjson', ndjson));
    await ensure(gz, options.keep, () => gzip(csv, gz));
    await ensure(quotedCsv, options.keep, () => quoteEveryField(csv, quotedCsv));
  }
  if (vendor) await ensure(vendorJson, options.keep, () => convertToVendorJson(csv, vendorJson));
  await warm(csv);
  if (variants) {
    await warm(ndjson);
    await warm(gz);
    await warm(quotedCsv);
  }
  if (vendor) await warm(vendorJson);

  // The companion's CSV row is there as the vendor row's oracle: the same rows through the CSV path.
  const want = (tool) => (companion ? tool === 'chatkpi' : options.tools.has(tool));
  const once = [];
  const goals = [];
  if (want('read')) {
    goals.push(async () => ({ ...(await task('startup', csv)), tool: 'node-startup' }));
    goals.push(() => task('read', csv));
  }
  if (want('csv-parse')) once.push(() => task('csv-parse', csv));
  if (want('papaparse')) once.push(() => task('papaparse', csv));
  if (want('duckdb') && duckdbInstalled()) goals.push(() => task('duckdb', csv));
  if (want('chatkpi')) goals.push(() => chatkpi(options, 'chatkpi', csv));
  if (want('chatkpi-frt-sl')) goals.push(() => chatkpi(options, 'chatkpi-frt-sl', csv, ['--metrics', 'first_response_time,service_level']));
  if (variants) {
    goals.push(() => chatkpi(options, 'chatkpi-ndjson', ndjson));
    goals.push(() => task('gunzip', gz));
    goals.push(() => chatkpi(options, 'chatkpi-gz', gz));
    // not a goal of issue 6: many exports quote every field, and such a file must not leave the byte-level path
    goals.push(() => chatkpi(options, 'chatkpi-quoted', quotedCsv));
  }
  const runs = [];
  for (const row of once) runs.push(await row());
  // The rows the goals compare run in rounds, one of each per round: a slow spell of the (shared) machine then
  // falls on every row alike instead of on whichever ran during it, and each row keeps its median.
  const rounds = companion ? 1 : options.rounds;
  const timed = goals.map(() => []);
  for (let r = 0; r < rounds; r++) {
    if (rounds > 1) log(`  round ${r + 1} of ${rounds}`);
    for (let g = 0; g < goals.length; g++) timed[g].push(await goals[g]());
  }
  for (const results of timed) runs.push(medianRun(results));
  if (vendor) runs.push(await chatkpi(options, 'chatkpi-vendor-json', vendorJson));
  runs.sort((a, b) => ROW_ORDER.indexOf(a.tool) - ROW_ORDER.indexOf(b.tool));
  if (!options.keep) for (const file of [csv, ndjson, gz, quotedCsv, vendorJson]) rmSync(file, { force: true });
  return { size, runs, checks: checkAnswers(size, options, runs) };
}

/**
 * A row's rounds as one result: the run of median wall time (its output is the one checked), the largest peak RSS
 * of any round (the memory goals are upper bounds), every round's seconds, and the first failure if any failed.
 */
function medianRun(results) {
  const failed = results.find((r) => r.error !== undefined || r.exitCode !== 0);
  if (failed) return failed;
  const sorted = [...results].sort((a, b) => a.seconds - b.seconds);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...median, rssMiB: Math.max(...results.map((r) => r.rssMiB)), rounds: results.map((r) => r.seconds) };
}

/** chatkpi against the README's reference (shared generator, known rows and seed) and against DuckDB's answer. */
function checkAnswers(size, options, runs) {
  const checks = [];
  const byTool = Object.fromEntries(runs.map((run) => [run.tool, run]));
  const reference = options.generator === 'shared' ? REFERENCE[`${size.rows}:${options.seed}`] : undefined;
  const duck = byTool.duckdb?.output;
  const oracles = [];
  if (reference) oracles.push(['README reference', reference]);
  if (duck && !byTool.duckdb.error) oracles.push(['DuckDB', duck]);
  if (reference && duck) {
    checks.push({ what: 'DuckDB vs README reference', problems: compareKpis(duck, reference, KPI_KEYS) });
  }
  if (duck && duck.agent_before_request > 0) {
    checks.push({ what: 'DuckDB query assumption', problems: [{ key: 'agent_before_request', actual: duck.agent_before_request, expected: 0 }] });
  }
  for (const run of runs) {
    if (!run.tool.startsWith('chatkpi')) {
      if (run.error) checks.push({ what: `${run.tool} ran`, problems: [{ key: 'exit', actual: run.error, expected: 'success' }] });
      else if (run.output.records !== undefined) {
        const problems = run.output.records === size.rows ? [] : [{ key: 'records', actual: run.output.records, expected: size.rows }];
        checks.push({ what: `${run.tool} record count`, problems });
      }
      continue;
    }
    if (run.error) {
      checks.push({ tool: run.tool, what: `${run.tool} ran`, problems: [{ key: 'exit', actual: run.error, expected: 'a JSON report' }] });
      continue;
    }
    const keys = run.tool === 'chatkpi-frt-sl' ? FRT_SL_KEYS : KPI_KEYS;
    const answer = run.tool === 'chatkpi-vendor-json' ? kpisFromVendorReport(run.output) : kpisFromReport(run.output);
    const csvAnswer = byTool.chatkpi?.output && !byTool.chatkpi.error ? kpisFromReport(byTool.chatkpi.output) : undefined;
    // The same rows as NDJSON, gzip or the vendor JSON export must give chatkpi's own CSV answer, oracle or not.
    const sameRows = csvAnswer && run.tool !== 'chatkpi' ? [['chatkpi on the CSV', csvAnswer]] : [];
    for (const [name, oracle] of [...oracles, ...sameRows]) {
      checks.push({ tool: run.tool, what: `${run.tool} vs ${name}`, problems: compareKpis(answer, oracle, keys), rounded: roundedKeys(answer, oracle, keys) });
    }
    if (run.tool === 'chatkpi-vendor-json') {
      // The converter computes Intercom's `statistics` from the parts: chatkpi's vendor checks must find no difference.
      const vendorChecks = run.output.vendor_checks ?? {};
      const problems = Object.entries(vendorChecks).filter(([, check]) => check.differ !== 0)
        .map(([key, check]) => ({ key: `vendor_checks.${key}.differ`, actual: check.differ, expected: 0 }));
      if (!vendorChecks.first_response_time) problems.push({ key: 'vendor_checks.first_response_time', actual: 'absent', expected: 'present' });
      checks.push({ tool: run.tool, what: `${run.tool}: the export's statistics agree with chatkpi (vendor_checks: ${Object.keys(vendorChecks).join(', ') || 'none'})`, problems });
    }
    if (oracles.length + sameRows.length === 0) checks.push({ tool: run.tool, what: `${run.tool}: no oracle (no reference, no DuckDB row)`, problems: [] });
  }
  return checks;
}

// ---------- report ----------

function table(results) {
  const header = ['size', 'tool', 'file MB', 'wall s', 'MB/s', 'RSS MB', 't/papaparse', 't/duckdb'];
  const rows = [];
  for (const { size, runs } of results) {
    const papa = runs.find((run) => run.tool === 'papaparse' && !run.error);
    const duck = runs.find((run) => run.tool === 'duckdb' && !run.error);
    for (const run of runs) {
      const ok = run.exitCode === 0;
      rows.push([
        size.label, run.tool,
        run.tool === 'node-startup' ? '-' : (run.bytes / 1e6).toFixed(1),
        ok ? run.seconds.toFixed(2) : 'failed',
        ok && run.tool !== 'node-startup' ? mbPerSecond(run.bytes, run.seconds).toFixed(0) : '-',
        Number.isFinite(run.rssMiB) ? run.rssMiB.toFixed(0) : '-',
        ok && papa ? (run.seconds / papa.seconds).toFixed(2) : '-',
        ok && duck ? (run.seconds / duck.seconds).toFixed(2) : '-',
      ]);
    }
  }
  return renderTable(header, rows);
}

/** The commit the run measured ("-dirty" when the working tree had changes the build may include). */
function gitCommit() {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown commit';
  }
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageProblem)) throw error;
    log(`bench: ${error.message}\n${USAGE}`);
    return 2;
  }
  const needsChatkpi = [...options.tools].some((tool) => tool.startsWith('chatkpi') || tool === 'variants' || tool === 'vendor-json');
  if (needsChatkpi && options.chatkpi === CHATKPI && !existsSync(join(ROOT, 'dist/cli/main.js'))) {
    log('bench: dist/cli/main.js is missing; run `npm run build` first (or leave chatkpi out with --tools)');
    return 2;
  }
  if (needsChatkpi && !existsSync(options.chatkpi)) {
    log(`bench: --chatkpi ${options.chatkpi} not found`);
    return 2;
  }
  mkdirSync(options.work, { recursive: true });
  const machine = { commit: gitCommit(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadBefore: loadavg() };
  log(`bench: node ${machine.node}, ${machine.cpus} CPUs (${machine.cpuModel}), load ${machine.loadBefore.map((l) => l.toFixed(2)).join(' ')}`);

  const results = [];
  const vendorSmall = wantsVendorJson(options) ? vendorCompanion(options.sizes[0]) : undefined;
  if (vendorSmall) results.push(await runSize(vendorSmall, options, { companion: true }));
  for (const size of options.sizes) results.push(await runSize(size, options));
  machine.loadAfter = loadavg();

  // A fast wrong answer meets no goal: goals read only runs that succeeded and agree with the oracles.
  const isRight = (run, list) => run.exitCode === 0 && !list.some((check) => check.tool === run.tool && check.problems.length > 0);
  const bySize = Object.fromEntries(results.map(({ size, runs, checks: list }) => [size.label, Object.fromEntries(
    runs.filter((run) => isRight(run, list)).map((run) => [run.tool, run]),
  )]));
  const goals = evaluateGoals(options.sizes, bySize);
  if (vendorSmall) goals.push(evaluateVendorGoal(vendorSmall, options.sizes[0], bySize));
  const checks = results.flatMap(({ size, checks: list }) => list.map((check) => ({ size: size.label, ...check })));
  const wrong = checks.filter((check) => check.problems.length > 0);

  const out = [];
  out.push(`\nchatkpi bench at ${machine.commit}: ${options.generator} generator, seed ${options.seed}; node ${machine.node}, ${machine.cpus} CPUs, load ${machine.loadBefore[0].toFixed(2)} -> ${machine.loadAfter[0].toFixed(2)}`);
  out.push('file MB: input size (10^6 bytes); wall s: whole process (start-up included); MB/s: input file bytes / wall s; RSS: peak resident set;');
  out.push('t/papaparse, t/duckdb: wall time divided by that row\'s (lower is faster)\n');
  out.push(table(results));
  out.push('\nanswers:');
  for (const check of checks) {
    const rounded = check.rounded?.length ? ` (equal after rounding to ${REPORT_DECIMALS} decimals: ${check.rounded.join(', ')})` : '';
    out.push(`  ${check.problems.length === 0 ? 'OK   ' : 'WRONG'} ${check.size} ${check.what}${rounded}`);
    for (const p of check.problems) out.push(`        ${p.key}: got ${String(p.actual).replaceAll('\n', '\n          ')}, expected ${p.expected}`);
  }
  out.push('\ngoals:');
  for (const goal of goals) out.push(`  ${goal.status.padEnd(4)} ${goal.size.padEnd(5)} ${goal.goal}: ${goal.detail}`);
  process.stdout.write(`${out.join('\n')}\n`);

  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    const slim = results.map(({ size, runs }) => ({
      size, runs: runs.map(({ output, ...run }) => ({ ...run, mbPerSecond: mbPerSecond(run.bytes, run.seconds), answer: run.tool === 'chatkpi-vendor-json' && output ? kpisFromVendorReport(output) : run.tool.startsWith('chatkpi') && output ? kpisFromReport(output) : output })),
    }));
    writeFileSync(options.json, `${JSON.stringify({ generator: options.generator, seed: options.seed, machine, results: slim, checks, goals }, null, 2)}\n`);
    log(`bench: wrote ${options.json}`);
  }
  return wrong.length > 0 ? 1 : 0;
}

process.exitCode = await main();
