// The whole run: files → adapter → events → conversations → metric folds per group → Report.
// The CLI builds RunOptions and calls one of these functions; nothing here touches process or the terminal.
import { ADAPTERS, findAdapter } from './adapters/index.js';
import { proposeMapping } from './adapters/mapping.js';
import { FAST_CAPABILITIES, FastMessageFold, FastPathAbort, fastColumns, type FastReaderOptions, type ReaderStats } from './conversations/fast-messages.js';
import { foldOnTwoThreads } from './conversations/fast-threaded.js';
import { readerScript, releaseReader } from './conversations/reader-thread.js';
import { fileBytes } from './inputs/file-bytes.js';
import type { Adapter, AdapterContext, AdapterOptions, Detection } from './adapters/types.js';
import { HeapGuard } from './conversations/heap-guard.js';
import { Sessionizer } from './conversations/sessionizer.js';
import { ConversationBatch } from './conversations/batch.js';
import type { Capability, Conversation } from './conversations/types.js';
import { InputError, FieldError } from './errors.js';
import type { ChatEvent } from './events/types.js';
import { openInput, readRecords, resolveInputs, type OpenedInput, type ReadStats } from './inputs/index.js';
import { resolveFields, type FieldMapping } from './inputs/columns.js';
import type { RawRecord, Sample } from './inputs/types.js';
import { addBatchCapabilities, addCapabilities, BATCH_CAPABILITIES, CAPABILITY_REASONS } from './metrics/capabilities.js';
import { METRICS } from './metrics/index.js';
import type { Metric, MetricFold, MetricOptions, MetricResult } from './metrics/types.js';
import type { GroupResult, InputSummary, Report } from './reports/types.js';
import type { Clock } from './time/clock.js';
import { compareVendorMetrics, type VendorCheck } from './vendor-checks.js';

export const GROUP_DIMENSIONS = ['agent', 'department', 'channel', 'priority', 'tag', 'day', 'week', 'month', 'hour', 'weekday'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

export interface RunOptions {
  files: readonly string[];
  stdin: NodeJS.ReadableStream;
  /** `--adapter ID`, or an adapter built from `--map`. */
  adapter?: Adapter;
  adapterOptions: AdapterOptions;
  clock: Clock;
  /** Conversations requested in [from, to) are reported (epoch ms). */
  from?: number;
  to?: number;
  groupBy: readonly GroupDimension[];
  /** Metric ids to compute; undefined = the default set. */
  metricIds?: readonly string[];
  metricOptions: MetricOptions;
  countBots: boolean;
  /** Rows that may be skipped before the run fails (exit 3). */
  maxSkipped: number;
  /** Idle time after which a conversation is folded early on time-ordered input; null = never. */
  idleWindowMs: number | null;
  /** A vendor-parity preset's transform of each folded conversation (`--as`). */
  transform?: (c: Conversation) => Conversation;
  settings: Report['settings'];
  version: string;
  csvEngine?: 'auto' | 'fast' | 'csv-parse';
  /** Largest record the readers accept (CHATKPI_MAX_RECORD_BYTES); default MAX_RECORD_BYTES in inputs/limits.ts. */
  maxRecordBytes?: number;
  onProgress?(file: string, bytesRead: number, totalBytes: number | undefined): void;
  onWarning?(message: string): void;
  /** Between chunks of input: a promise to wait for (the consumer of the events is behind), or undefined. */
  pace?(): Promise<void> | undefined;
}

export interface ChosenAdapter {
  adapter: Adapter;
  detection: Detection;
  /** Every adapter's score, best first, for `inspect` and error messages. */
  scores: { id: string; vendor: string; score: number; reason: string }[];
}

/** Every adapter's detection on a sample, best first; an adapter whose detect throws scores 0. */
export function scoreAdapters(sample: Sample): ChosenAdapter['scores'] {
  return ADAPTERS.map((a) => {
    let d: Detection;
    try {
      d = a.formats.includes(sample.format) ? a.detect(sample) : { score: 0, reason: `reads ${a.formats.join('/')}, not ${sample.format}` };
    } catch {
      d = { score: 0, reason: 'detection failed on this sample' };
    }
    return { id: a.id, vendor: a.vendor, score: d.score, reason: d.reason };
  }).sort((a, b) => b.score - a.score);
}

/** Detection over the registry: the best score above 0.5 wins; a near tie or no match is an input error. */
export function chooseAdapter(sample: Sample, override?: Adapter): ChosenAdapter {
  const scores = scoreAdapters(sample);
  if (override) {
    return { adapter: override, detection: { score: 1, reason: 'chosen with --adapter/--map' }, scores };
  }
  const [best, second] = scores;
  if (best === undefined || best.score <= 0.5) {
    const seen = sample.format === 'csv'
      ? `headers: ${(sample.headers ?? []).slice(0, 15).join(', ')}`
      : `keys: ${Object.keys(asObject(sample.records[0])).slice(0, 15).join(', ')}${sample.wrapperKey ? ` (inside "${sample.wrapperKey}")` : ''}`;
    const sameFormat = scores.filter((s) => findAdapter(s.id)?.formats.includes(sample.format) && s.id !== 'mapping');
    const closest = sameFormat.slice(0, 3).map((s) => `${s.id} (${s.score.toFixed(2)}: ${s.reason})`).join('; ');
    const proposal = sample.headers ? proposeMapping([...sample.headers]) : undefined;
    const pairs = proposal ? Object.entries(proposal.mapping).map(([k, v]) => `${k}=${v}`).join(',') : '';
    throw new InputError('NO_ADAPTER_MATCH', { file: sample.path }, `no adapter recognizes this ${sample.format.toUpperCase()} (${seen}); closest: ${closest || 'none'}`,
      pairs !== ''
        ? `if the columns are what they seem, run: chatkpi report ${sample.path} --map "${pairs}" (\`chatkpi inspect\` shows the details)`
        : 'pass --map conversation_id=...,at=...,role=... naming your columns, or --adapter ID (`chatkpi adapters` lists them)');
  }
  if (second !== undefined && second.score > 0.5 && best.score - second.score < 0.05) {
    throw new InputError('AMBIGUOUS_ADAPTER', { file: sample.path }, `two adapters fit equally well: ${best.id} (${best.score.toFixed(2)}) and ${second.id} (${second.score.toFixed(2)})`,
      `pass --adapter ${best.id} or --adapter ${second.id}`);
  }
  const adapter = findAdapter(best.id)!;
  return { adapter, detection: { score: best.score, reason: best.reason }, scores };
}

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

interface PreparedInput {
  input: OpenedInput;
  chosen: ChosenAdapter;
  mapping: Map<string, FieldMapping>;
}

async function prepareInputs(options: Pick<RunOptions, 'files' | 'stdin' | 'adapter'>): Promise<PreparedInput[]> {
  const sources = await resolveInputs(options.files);
  const prepared: PreparedInput[] = [];
  for (const source of sources) {
    const input = await openInput(source, options.stdin);
    const chosen = chooseAdapter(input.sample, options.adapter);
    const mapping = input.sample.format === 'csv' && chosen.adapter.fields
      ? resolveFields(chosen.adapter.fields, input.sample.headers ?? [])
      : new Map<string, FieldMapping>();
    if (input.sample.format === 'csv') {
      for (const field of chosen.adapter.requiredFields ?? []) {
        if (!mapping.has(field)) {
          throw new InputError('MISSING_COLUMN', { file: source.path, line: 1, field }, `no column for ${field} (${chosen.adapter.id}); the header has: ${(input.sample.headers ?? []).join(', ')}`,
            'check the export settings, or map the columns yourself with --map');
        }
      }
    }
    prepared.push({ input, chosen, mapping });
  }
  // Side tables first (a users list before the comments that need it).
  return prepared.sort((a, b) => (a.chosen.adapter.order ?? 0) - (b.chosen.adapter.order ?? 0));
}

function makeContext(file: string, mapping: Map<string, FieldMapping>, adapterOptions: AdapterOptions, state: Map<string, unknown>, warnings: Map<string, number>): AdapterContext {
  return {
    file,
    options: adapterOptions,
    columnName: (field) => mapping.get(field)?.columns[0],
    state,
    warn: (message) => warnings.set(message, (warnings.get(message) ?? 0) + 1),
  };
}

function summarizeWarnings(warnings: Map<string, number>, stats: ReadStats): string[] {
  const out = [...warnings].map(([m, n]) => (n > 1 ? `${m} (${n} rows)` : m));
  for (const s of stats.firstSkipped.slice(0, 5)) {
    out.push(`line ${s.line}${s.field ? `: field "${s.field}"` : ''}: ${s.reason} (skipped)`);
  }
  if (stats.skipped > 5) out.push(`${stats.skipped - 5} more rows skipped`);
  return out;
}

/** Internal: thrown to stop reading as soon as an early-folded conversation reappears. */
class RestartWithoutEviction extends Error {}

export interface EventRun {
  inputs: InputSummary[];
  prepared: PreparedInput[];
}

/**
 * Streams every input's events to `onEvent`, in file order. Used by `report` (through the sessionizer) and by
 * `chatkpi events`.
 */
export async function forEachEvent(options: RunOptions, onEvent: (e: ChatEvent) => void, prepared?: PreparedInput[]): Promise<EventRun> {
  const inputs = prepared ?? (await prepareInputs(options));
  const state = new Map<string, unknown>();
  const summaries: InputSummary[] = [];
  for (const { input, chosen, mapping } of inputs) {
    const warnings = new Map<string, number>();
    const ctx = makeContext(input.source.path, mapping, options.adapterOptions, state, warnings);
    const adapter = chosen.adapter;
    const onRecord = (record: RawRecord): void => {
      const events = adapter.toEvents(record, ctx);
      for (let i = 0; i < events.length; i++) onEvent(events[i]!);
    };
    const stats = await readRecords(input, adapter.fields, onRecord, {
      maxSkipped: options.maxSkipped,
      csvEngine: options.csvEngine ?? 'auto',
      ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}),
      onProgress: options.onProgress ? (read, total) => options.onProgress!(input.source.path, read, total) : undefined,
      ...(options.pace ? { pace: options.pace } : {}),
    });
    if (adapter.finish) {
      try {
        for (const e of adapter.finish(ctx)) onEvent(e);
      } catch (err) {
        if (err instanceof FieldError) throw new InputError(err.code, { file: input.source.path, field: err.field }, err.message);
        throw err;
      }
    }
    summaries.push({
      path: input.source.path,
      adapter: adapter.id,
      records: stats.records,
      skipped: stats.skipped,
      warnings: summarizeWarnings(warnings, stats),
    });
  }
  return { inputs: summaries, prepared: inputs };
}

interface GroupFolds {
  key: string;
  folds: MetricFold[];
  /** The folds that see conversations (see runOnce's `runs`). */
  live: LiveFolds;
}

/** The folds that see conversations: those written over columns, and those that take records. */
interface LiveFolds {
  columns: MetricFold[];
  records: MetricFold[];
}

/** Keys of one conversation under a dimension (a conversation with three tags is in three tag groups). */
export function groupKeys(c: Conversation, by: GroupDimension, clock: Clock): readonly string[] {
  const at = periodAt(c);
  switch (by) {
    case 'agent': return [c.agent ?? '(unassigned)'];
    case 'department': return [c.department ?? '(none)'];
    case 'channel': return [c.channel ?? '(none)'];
    case 'priority': return [c.priority ?? '(none)'];
    case 'tag': return c.tags.length > 0 ? c.tags : ['(untagged)'];
    case 'day': return [clock.dayKey(at)];
    case 'week': return [clock.weekKey(at)];
    case 'month': return [clock.monthKey(at)];
    case 'hour': return [String(clock.hourOfDay(at)).padStart(2, '0')];
    case 'weekday': return [['', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][clock.weekday(at)] ?? '?'];
  }
}

/** The instant that places a conversation in a period: when the customer asked, else its first event. */
export function periodAt(c: Conversation): number {
  return c.requestedAt ?? c.createdAt ?? c.firstEventAt;
}

/** periodAt of a batch's row. */
function periodAtRow(b: ConversationBatch, i: number): number {
  const requested = b.requestedAt[i]!;
  if (!Number.isNaN(requested)) return requested;
  const created = b.createdAt[i]!;
  return Number.isNaN(created) ? b.firstEventAt[i]! : created;
}

export function selectMetrics(ids: readonly string[] | undefined): Metric[] {
  if (ids === undefined) return METRICS.filter((m) => m.isDefault);
  return ids.map((id) => METRICS.find((m) => m.id === id)!).filter(Boolean);
}

export interface ReportRun {
  report: Report;
  /** Conversations seen (before the period filter). */
  conversations: number;
  peakOpen: number;
  restarted: boolean;
}

export async function buildReport(options: RunOptions): Promise<ReportRun> {
  const prepared = await prepareInputs(options);
  const canRestart = prepared.every((p) => !p.input.source.isStdin);
  // Several files are joined by id: a conversation may continue in a later file, so the general path folds
  // nothing early. The fast path reads message files one after the other and does fold idle conversations: one
  // that comes back in a later file (or rows out of order) gives up to the general path.
  const idleWindowMs = prepared.length > 1 ? null : options.idleWindowMs;
  const fast = fastPathFor(prepared, options);
  if (fast !== undefined) {
    try {
      return await runOnce(options, (onConversation, onBatch) => runFastPath(fast, options, onConversation, onBatch), FAST_CAPABILITIES);
    } catch (err) {
      if (!(err instanceof FastPathAbort)) throw err;
      // The general path reads the file again from the start, with fresh folds.
    }
  }
  releaseReader(); // one started early (bin/chatkpi.js) for a run that did not take it: the general path runs
  const general = (inputs: PreparedInput[], window: number | null, restartable: boolean) => (onConversation: (c: Conversation) => void) =>
    runGeneralPath(inputs, options, window, restartable, onConversation);
  try {
    return await runOnce(options, general(fast !== undefined ? await prepareInputs(options) : prepared, idleWindowMs, canRestart));
  } catch (err) {
    if (!(err instanceof RestartWithoutEviction)) throw err;
    options.onWarning?.('input is not in time order: an idle conversation came back, or a long one went back in time; reading again without early folding');
    const run = await runOnce(options, general(await prepareInputs(options), null, false));
    return { ...run, restarted: true };
  }
}

/** A run with no record at all has nothing to audit: exit 3, not a report of zeros. One empty file among others is a warning. */
function rejectEmptyInputs(inputs: InputSummary[], options: RunOptions): void {
  const empty = inputs.filter((i) => i.records === 0);
  if (empty.length === 0) return;
  if (empty.length === inputs.length) {
    const first = empty[0]!;
    const why = first.skipped > 0 ? `all ${first.skipped} rows were skipped (${first.warnings[0] ?? 'see --debug'})` : 'it has a header or wrapper but no rows';
    throw new InputError('NO_RECORDS', { file: first.path }, `no records to audit: ${why}`, 'check the export covered the period you wanted, or that the right adapter was chosen (chatkpi inspect)');
  }
  for (const i of empty) options.onWarning?.(`${i.path}: no records (header only?)`);
}

interface Produced {
  inputs: InputSummary[];
  peakOpen: number;
}

/**
 * Reads the input and hands its conversations over, one record at a time, or in batches when `onBatch` is given
 * (only a producer whose conversations have no status disagreement and no vendor metrics takes it: the fast path).
 */
type Producer = (onConversation: (c: Conversation) => void, onBatch?: (b: ConversationBatch) => void) => Promise<Produced>;

/** Everything a conversation may show: the general path's records can carry any capability. */
const ANY_CAPABILITY: ReadonlySet<Capability> = new Set(Object.keys(CAPABILITY_REASONS) as Capability[]);

/** The general path: adapter → events → sessionizer → conversations. */
async function runGeneralPath(prepared: PreparedInput[], options: RunOptions, idleWindowMs: number | null, canRestart: boolean, onConversation: (c: Conversation) => void): Promise<Produced> {
  const sessionizer = new Sessionizer({
    countBots: options.countBots,
    keepText: options.adapterOptions.keepText,
    idleWindowMs,
    onConversation,
  });
  const guard = new HeapGuard();
  let sinceCheck = 0;
  const { inputs } = await forEachEvent(options, (e) => {
    sessionizer.add(e);
    if (canRestart && sessionizer.reappeared.length > 0) throw new RestartWithoutEviction();
    if (++sinceCheck >= HEAP_CHECK_EVERY) {
      sinceCheck = 0;
      if (guard.isFull()) throw heapFull(prepared, sessionizer.openCount, guard);
    }
  }, prepared);
  sessionizer.finish();
  if (!canRestart && sessionizer.reappeared.length > 0) {
    options.onWarning?.(`${sessionizer.reappeared.length} conversations came back after more than the idle window or went back in time after 1,024 events (first: ${sessionizer.reappeared[0]}); standard input cannot be read twice, so their parts are counted separately or folded in arrival order: pass --idle-window 0 or a file`);
  }
  return { inputs, peakOpen: sessionizer.peakOpen };
}

/** Events between two heap readings (a reading costs about a microsecond; 4,096 events hold ~5 MB at most). */
const HEAP_CHECK_EVERY = 4096;

function heapFull(prepared: PreparedInput[], open: number, guard: HeapGuard): InputError {
  const mb = (bytes: number): number => Math.round(bytes / (1024 * 1024));
  const first = prepared[0]?.input.source.path ?? '-';
  const file = prepared.length > 1 ? `${first} (and ${prepared.length - 1} more)` : first;
  return new InputError('OUT_OF_MEMORY', { file }, `${open} conversations open at once fill ${mb(guard.last.usedBytes)} MB of the ${mb(guard.last.limitBytes)} MB heap`,
    'sort the export by time so conversations fold as they go idle (--idle-window), read one file at a time, or give Node more memory: NODE_OPTIONS=--max-old-space-size=8192');
}

/**
 * The fused byte-level path applies to generic message-level CSV or NDJSON files in UTF-8 with no text metric:
 * one, or several of the same columns (monthly exports of one team), read one after the other.
 */
function fastPathFor(prepared: PreparedInput[], options: RunOptions): PreparedInput[] | undefined {
  if (prepared.length === 0 || options.csvEngine === 'csv-parse' || options.adapterOptions.keepText) return undefined;
  const first = prepared[0]!.input.sample;
  const columns = fastHeaders(prepared[0]!);
  if (columns === undefined || fastColumns(columns) === undefined) return undefined;
  for (const p of prepared) {
    const sample = p.input.sample;
    if (p.input.source.isStdin || sample.encoding !== 'utf8' || p.chosen.adapter.id !== 'generic-messages') return undefined;
    if (sample.format !== first.format || sample.delimiter !== first.delimiter) return undefined;
    const headers = fastHeaders(p);
    if (headers === undefined || headers.length !== columns.length || headers.some((h, k) => h !== columns[k])) return undefined;
  }
  return prepared;
}

/** The header of a CSV, or the keys of an NDJSON file's first object. */
function fastHeaders(p: PreparedInput): readonly string[] | undefined {
  const sample = p.input.sample;
  const first = sample.records[0];
  if (sample.format === 'csv') return sample.headers;
  if (sample.format === 'ndjson' && first !== null && typeof first === 'object') return ndjsonKeys(sample.records);
  return undefined;
}

/**
 * An NDJSON file's columns: the keys of its first lines (the sample), the first line's first. Exports that leave
 * out null values write some keys on later lines only; the fast path reads every key listed here.
 */
export function ndjsonKeys(records: readonly unknown[]): string[] {
  const keys = new Set<string>();
  for (const r of records) if (r !== null && typeof r === 'object' && !Array.isArray(r)) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

async function runFastPath(files: PreparedInput[], options: RunOptions, onConversation: (c: Conversation) => void, onBatch?: (b: ConversationBatch) => void): Promise<Produced> {
  const sample = files[0]!.input.sample;
  // Who took part, the reply waits and the ids are left out of the conversations when nothing reads them
  // (Metric.readsPeople, Metric.readsReplies, the text metrics).
  const metrics = selectMetrics(options.metricIds);
  const everything = options.groupBy.length > 0 || options.transform !== undefined;
  const people = everything || metrics.some((m) => m.readsPeople !== false);
  const agents = everything || metrics.some((m) => m.readsPeople === undefined);
  const replies = everything || metrics.some((m) => m.readsReplies !== false);
  // the text metrics name example conversations; with them the fast path does not run, but the rule stays local
  const ids = everything || metrics.some((m) => m.needs.includes('texts'));
  const readerOptions: FastReaderOptions = {
    inputTz: options.adapterOptions.inputTz,
    maxSkipped: options.maxSkipped,
    ...(options.adapterOptions.botNames.size > 0 ? { botNames: [...options.adapterOptions.botNames] } : {}),
    ...(options.maxRecordBytes !== undefined ? { maxRecordBytes: options.maxRecordBytes } : {}),
    format: sample.format === 'ndjson' ? 'ndjson' : 'csv',
    ...(sample.format === 'ndjson' ? { jsonKeys: fastHeaders(files[0]!) } : {}),
    people,
    agents,
  };
  const delimiter = sample.delimiter ?? ',';
  const paths = files.map((p) => p.input.source.path);
  const sizes = files.map((p) => p.input.source.size);
  const totalBytes = sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
  const read = paths.map(() => 0);
  const progress = (file: number, bytes: number): void => {
    read[file] = bytes;
    options.onProgress?.(paths[file]!, bytes, sizes[file]);
  };
  const script = readerScript(totalBytes);
  let fileStats: readonly ReaderStats[];
  let peakOpen: number;
  if (script !== undefined) {
    // Large inputs: tokenizing on a second thread while this one folds and runs the metrics.
    // Ids numbered on the reader's thread when the fold's is the busier (FastReaderOptions.numberIds): conversations
    // folded with who took part. NDJSON too, since the reader hands lines to this thread when it is the busier and
    // this thread's reader numbers none (1 GB NDJSON full report: 0.984x the wall time with numbering). Not a gzipped
    // CSV, whose reader also inflates it and is the busier side for it (1 GB .csv.gz full report: 0.96x without).
    const gzipped = files.map((p) => p.input.state.gzip);
    const threadedOptions = { ...readerOptions, numberIds: people && !gzipped.includes(true) };
    const run = await foldOnTwoThreads(script, { paths, gzipped, options: threadedOptions, delimiter }, { countBots: options.countBots, people, agents, replies, ids, idleWindowMs: options.idleWindowMs, onConversation, ...(onBatch ? { onBatch } : {}) }, progress);
    fileStats = run.fileStats;
    peakOpen = run.peakOpen;
  } else {
    releaseReader(); // one started early (bin/chatkpi.js): this run reads on one thread
    const fold = new FastMessageFold({ ...readerOptions, countBots: options.countBots, people, agents, replies, ids, idleWindowMs: options.idleWindowMs, onConversation, ...(onBatch ? { onBatch } : {}) }, delimiter);
    for (let k = 0; k < paths.length; k++) {
      if (k > 0) fold.nextFile();
      for await (const chunk of fileBytes(paths[k]!, (n) => progress(k, read[k]! + n))) fold.push(chunk);
    }
    fold.end();
    fileStats = fold.fileStats;
    peakOpen = fold.peakOpen;
  }
  const inputs = files.map((p, k): InputSummary => {
    const stats = fileStats[k] ?? { records: 0, skipped: 0, firstSkipped: [] };
    return {
      path: paths[k]!,
      adapter: p.chosen.adapter.id,
      records: stats.records,
      skipped: stats.skipped,
      warnings: summarizeWarnings(new Map(), { records: stats.records, skipped: stats.skipped, firstSkipped: stats.firstSkipped, bytes: read[k]! }),
    };
  });
  return { inputs, peakOpen };
}

/** `reachable`: the capabilities the producer's conversations can show at most. */
async function runOnce(options: RunOptions, produce: Producer, reachable = ANY_CAPABILITY): Promise<ReportRun> {
  const metrics = selectMetrics(options.metricIds);
  const create = (): MetricFold[] => metrics.map((m) => m.create(options.metricOptions));
  // A metric needing a capability no conversation of this producer can show is reported unavailable whatever it
  // sees, so its fold is not run (the fast path: seven of the default metrics, one of which measured every
  // resolved conversation for nothing). A transform may set any field.
  const shows = options.transform !== undefined ? ANY_CAPABILITY : reachable;
  const runs = metrics.map((m) => m.needs.every((n) => shows.has(n)));
  const live = (folds: MetricFold[]): LiveFolds => {
    const running = folds.filter((_, i) => runs[i]);
    return { columns: running.filter((f) => f.addBatch !== undefined), records: running.filter((f) => f.addBatch === undefined) };
  };
  const overall = create();
  const overallLive = live(overall);
  // A record goes to the folds written over columns as a batch of one, filled once for all of them (each fold's own
  // `add` would fill its own: 1.05x the time of a vendor JSON report)
  const one = new ConversationBatch(1);
  const feed = (folds: LiveFolds, c: Conversation, filled: boolean): boolean => {
    if (folds.columns.length > 0) {
      if (!filled) one.setRecord(c);
      for (const f of folds.columns) f.addBatch!(one);
      filled = true;
    }
    for (const f of folds.records) f.add(c);
    return filled;
  };
  const groups = new Map<GroupDimension, Map<string, GroupFolds>>();
  for (const dim of options.groupBy) groups.set(dim, new Map());
  const capabilities = new Set<Capability>();
  const vendorChecks = new VendorCheckTally();
  let minAt = Infinity;
  let maxAt = -Infinity;
  let conversations = 0;
  let statusDisagreements = 0;

  const onConversation = (folded: Conversation): void => {
    conversations++;
    const c = options.transform ? options.transform(folded) : folded;
    const at = periodAt(c);
    if (options.from !== undefined && at < options.from) return;
    if (options.to !== undefined && at >= options.to) return;
    if (at < minAt) minAt = at;
    if (at > maxAt) maxAt = at;
    // once every capability the producer can show has been seen, there is nothing left to learn
    if (capabilities.size < shows.size) addCapabilities(c, capabilities);
    if (c.statusDisagrees) statusDisagreements++;
    if (c.vendorMetrics.length > 0) for (const v of compareVendorMetrics(c)) vendorChecks.add(v);
    let filled = feed(overallLive, c, false);
    if (groups.size > 0) for (const [dim, byKey] of groups) {
      for (const key of groupKeys(c, dim, options.clock)) {
        let g = byKey.get(key);
        if (g === undefined) {
          const folds = create();
          g = { key, folds, live: live(folds) };
          byKey.set(key, g);
        }
        filled = feed(g.live, c, filled);
      }
    }
  };

  // Batches (ConversationBatch) when every fold that runs takes them and nothing needs a record: no transform, no
  // groups, no period filter (it would drop rows), and every capability the input can show is read off the columns.
  const batched = options.transform === undefined && groups.size === 0 && options.from === undefined && options.to === undefined
    && overallLive.records.length === 0 && [...shows].every((n) => BATCH_CAPABILITIES.has(n));
  const onBatch = (b: ConversationBatch): void => {
    conversations += b.size;
    for (let i = 0; i < b.size; i++) {
      const at = periodAtRow(b, i);
      if (at < minAt) minAt = at;
      if (at > maxAt) maxAt = at;
    }
    if (capabilities.size < shows.size) addBatchCapabilities(b, capabilities);
    for (const f of overallLive.columns) f.addBatch!(b);
  };
  const { inputs, peakOpen } = await produce(onConversation, batched ? onBatch : undefined);
  rejectEmptyInputs(inputs, options);

  const finish = (folds: MetricFold[]): Record<string, MetricResult> => {
    const out: Record<string, MetricResult> = {};
    metrics.forEach((m, i) => {
      const missing = m.needs.find((n) => !capabilities.has(n));
      out[m.id] = missing !== undefined ? { available: false, reason: CAPABILITY_REASONS[missing] } : folds[i]!.result();
    });
    return out;
  };

  const groupResults: Record<string, GroupResult[]> = {};
  for (const [dim, byKey] of groups) {
    groupResults[dim] = [...byKey.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((g) => ({ key: g.key, metrics: finish(g.folds) }));
  }
  if (statusDisagreements > 0) {
    options.onWarning?.(`${statusDisagreements} conversations: the export's own status disagrees with the messages (the export's status is used)`);
  }
  const report: Report = {
    schema_version: 1,
    tool: { name: 'chatkpi', version: options.version },
    inputs,
    period: {
      from: options.from !== undefined ? new Date(options.from).toISOString() : Number.isFinite(minAt) ? new Date(minAt).toISOString() : null,
      to: options.to !== undefined ? new Date(options.to).toISOString() : Number.isFinite(maxAt) ? new Date(maxAt).toISOString() : null,
      timezone: options.clock.zone,
    },
    settings: { ...options.settings, status_disagreements: statusDisagreements },
    metrics: finish(overall),
    groups: groupResults,
    targets: [],
    passed: true,
  };
  const vendor = vendorChecks.summary();
  if (vendor !== undefined) report.vendor_checks = vendor;
  return { report, conversations, peakOpen, restarted: false };
}

/** Streams per-conversation comparisons into counts, sums and a few examples (memory stays flat). */
class VendorCheckTally {
  private readonly byMetric = new Map<string, { source: string; tolerance: number; conversations: number; compared: number; differ: number; vendorSum: number; oursSum: number; examples: VendorCheck[] }>();

  add(c: VendorCheck): void {
    let t = this.byMetric.get(c.metric);
    if (t === undefined) {
      t = { source: c.source, tolerance: c.toleranceSeconds, conversations: 0, compared: 0, differ: 0, vendorSum: 0, oursSum: 0, examples: [] };
      this.byMetric.set(c.metric, t);
    }
    t.conversations++;
    if (c.chatkpi !== null) {
      t.compared++;
      t.vendorSum += c.vendor;
      t.oursSum += c.chatkpi;
    }
    if (!c.agrees) {
      if (c.chatkpi !== null) t.differ++;
      if (t.examples.length < 5) t.examples.push(c);
    }
  }

  summary(): Report['vendor_checks'] {
    if (this.byMetric.size === 0) return undefined;
    const out: NonNullable<Report['vendor_checks']> = {};
    const mean = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 1000) / 1000);
    for (const [metric, t] of this.byMetric) {
      out[metric] = {
        source: t.source,
        conversations: t.conversations,
        compared: t.compared,
        differ: t.differ,
        tolerance_seconds: t.tolerance,
        vendor_mean: mean(t.vendorSum, t.compared),
        chatkpi_mean: mean(t.oursSum, t.compared),
        examples: t.examples.map((c) => ({ conversation_id: c.conversationId, vendor: c.vendor, chatkpi: c.chatkpi, reason: c.reason })),
      };
    }
    return out;
  }
}

// ---------- inspect ----------

export interface InspectResult {
  path: string;
  format: string;
  encoding: string;
  delimiter?: string;
  headers?: readonly string[];
  wrapper_key?: string;
  chosen: string | null;
  chosen_reason: string | null;
  problem?: string;
  scores: ChosenAdapter['scores'];
  mapping: { field: string; columns: string[] }[];
  records: number;
  skipped: number;
  conversations: number;
  time_range: { from: string | null; to: string | null };
  warnings: string[];
}

/** What `chatkpi inspect` shows for each file: detection, mapping, counts, time range, problems. */
export async function inspectInputs(options: RunOptions): Promise<InspectResult[]> {
  const sources = await resolveInputs(options.files);
  const out: InspectResult[] = [];
  for (const source of sources) {
    const input = await openInput(source, options.stdin);
    const sample = input.sample;
    const base = {
      path: source.path,
      format: sample.format,
      encoding: sample.encoding + (sample.hasBom ? ' (BOM)' : ''),
      ...(sample.delimiter ? { delimiter: sample.delimiter === '\t' ? 'tab' : sample.delimiter } : {}),
      ...(sample.headers ? { headers: sample.headers } : {}),
      ...(sample.wrapperKey ? { wrapper_key: sample.wrapperKey } : {}),
    };
    let chosen: ChosenAdapter;
    try {
      chosen = chooseAdapter(sample, options.adapter);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      out.push({ ...base, chosen: null, chosen_reason: null, problem: err.message, scores: scoreAdapters(sample), mapping: [], records: 0, skipped: 0, conversations: 0, time_range: { from: null, to: null }, warnings: [] });
      continue;
    }
    const mapping = sample.format === 'csv' && chosen.adapter.fields ? resolveFields(chosen.adapter.fields, sample.headers ?? []) : new Map<string, FieldMapping>();
    const ids = new Set<string>();
    let minAt = Infinity;
    let maxAt = -Infinity;
    const { inputs } = await forEachEvent(
      { ...options, files: [source.path] },
      (e) => {
        ids.add(e.conversationId);
        if (e.at < minAt) minAt = e.at;
        if (e.at > maxAt) maxAt = e.at;
      },
      [{ input, chosen, mapping }],
    );
    const summary = inputs[0]!;
    out.push({
      ...base,
      chosen: chosen.adapter.id,
      chosen_reason: chosen.detection.reason,
      scores: chosen.scores,
      mapping: [...mapping.values()].map((m) => ({ field: m.field, columns: m.columns })),
      records: summary.records,
      skipped: summary.skipped,
      conversations: ids.size,
      time_range: {
        from: Number.isFinite(minAt) ? new Date(minAt).toISOString() : null,
        to: Number.isFinite(maxAt) ? new Date(maxAt).toISOString() : null,
      },
      warnings: summary.warnings,
    });
  }
  return out;
}
