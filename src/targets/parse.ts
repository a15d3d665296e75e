// Target expressions (CONTRACT.md "Targets"): `80% in 20s`, `first_response_time.p90 <= 2m`, `csat >= 80%`.
import { UsageError } from '../errors.js';
import { parseDuration } from '../time/duration.js';
import type { TargetResult } from '../reports/types.js';
import { DISTRIBUTION_FIELDS, fieldUnit, guessMetricUnit, isDurationFieldName, registryMetrics, type FieldUnit, type MetricInfo } from './fields.js';

export type TargetOp = TargetResult['op'];

export interface Target {
  /** As the user wrote it, trimmed: reports quote it. */
  expression: string;
  metric: string;
  /** Path of the figure inside the metric's result: `value`, `p90`, `business.median`. */
  field: string;
  op: TargetOp;
  /** In the figure's JSON unit: seconds for durations, a fraction for ratios. */
  threshold: number;
  /** From the config: a metric the data cannot support does not fail the run. */
  optional: boolean;
  /** `service_level(20s)` / `80% in 20s`: the T the share is measured at (absent: the report's default T). */
  serviceLevelSeconds?: number;
  /** Unit of the compared figure, so reports format actual and threshold alike. */
  unit: FieldUnit;
}

export interface ParseTargetOptions {
  optional?: boolean;
  /** Known metrics (ids, or ids with units); default: the metric registry. */
  metrics?: readonly (string | MetricInfo)[];
}

const OPS: readonly TargetOp[] = ['>=', '<=', '==', '>', '<'];
const GENERAL_HINT = 'e.g. "80% in 20s", "service_level(20s) >= 80%", "first_response_time.p90 <= 2m", "csat >= 80%", "nps > 30"';
const VALUE_HINT = 'durations: 45s, 2m, 1h30m, 1d (or bare seconds); ratios: 80% or 0.8';

/** Parses one target; every mistake is a UsageError('BAD_TARGET') quoting the expression and the bad part. */
export function parseTarget(expression: string, options: ParseTargetOptions = {}): Target {
  const text = expression.trim();
  const optional = options.optional === true;
  const metrics = (options.metrics ?? registryMetrics()).map((m) => (typeof m === 'string' ? { id: m, unit: guessMetricUnit(m) } : m));
  // Typed as Fail so that control flow knows a call never returns.
  const fail: Fail = (problem, part, hint = GENERAL_HINT) => {
    const at = part !== undefined && part !== '' && part !== text && text.includes(part) ? ` (column ${text.indexOf(part) + 1})` : '';
    throw new UsageError('BAD_TARGET', `target "${text}": ${problem}${at}`, hint);
  };
  if (text === '') fail('empty expression');

  // The plain form, `80% in 20s`: the share of chats answered within T.
  const plain = /^(\S+)\s+(?:in|within)\s+(.+)$/i.exec(text);
  if (plain && !/[<>=]/.test(text)) {
    const share = plain[1]!;
    const within = plain[2]!.trim();
    const seconds = parseDuration(within);
    if (seconds === undefined) fail(`"${within}" is not a duration`, within, `e.g. "80% in 20s"; ${VALUE_HINT}`);
    const threshold = parseRatio(share);
    if (threshold === undefined) fail(`"${share}" is not a share: write it as 80% or 0.8`, share, 'e.g. "80% in 20s"');
    requireMetric('service_level', metrics, fail);
    return { expression: text, metric: 'service_level', field: 'value', op: '>=', threshold, optional, serviceLevelSeconds: seconds, unit: 'ratio' };
  }

  const opMatch = /(>=|<=|==|!=|=>|=<|>|<|=)/.exec(text);
  if (opMatch === null) fail('no comparison: expected <metric> <op> <value> with op one of >= <= > < ==, or "80% in 20s"', text);
  const opText = opMatch[1]!;
  if (!(OPS as readonly string[]).includes(opText)) {
    const suggestion = opText === '=>' ? '>=' : opText === '=<' ? '<=' : opText === '=' ? '==' : undefined;
    fail(`"${opText}" is not a comparison${suggestion ? `: did you mean "${suggestion}"?` : ''} (use >= <= > < ==)`, opText);
  }
  const op = opText as TargetOp;
  const left = text.slice(0, opMatch.index).trim();
  const right = text.slice(opMatch.index + opText.length).trim();
  if (left === '') fail(`nothing before "${op}": name a metric`, op);
  if (right === '') fail(`nothing after "${op}": give a value (${VALUE_HINT})`, op);
  if (/[<>=!]/.test(right)) fail('more than one comparison', right);

  // Left side: metric, metric(T), metric.field, metric.business.field.
  const ref = /^([A-Za-z][A-Za-z0-9_]*)(?:\(([^()]*)\))?((?:\.[A-Za-z0-9_]+)*)$/.exec(left);
  if (ref === null) fail(`"${left}" is not a metric reference like first_response_time.p90 or service_level(20s)`, left);
  const metricId = ref[1]!;
  const param = ref[2];
  const path = ref[3] ? ref[3].slice(1) : '';
  const metric = requireMetric(metricId, metrics, fail);

  let serviceLevelSeconds: number | undefined;
  if (param !== undefined) {
    if (metricId !== 'service_level') fail(`only service_level takes a time in brackets, not ${metricId}`, `(${param})`, 'e.g. "service_level(20s) >= 80%"');
    serviceLevelSeconds = parseDuration(param);
    if (serviceLevelSeconds === undefined) fail(`"${param}" is not a duration`, param, `e.g. "service_level(20s) >= 80%"; ${VALUE_HINT}`);
  }

  let field = path;
  if (metric.unit === 'seconds') {
    const fields = `.${DISTRIBUTION_FIELDS.join(', .')}`;
    if (field === '') fail(`${metricId} needs a field: ${fields}`, metricId, `e.g. "${metricId}.p90 <= 2m" or "${metricId}.business.median <= 4h"`);
    if (!isDurationFieldName(field)) fail(`${metricId} has no field "${field}": use ${fields} (or .business.<field> with --business-hours)`, field, `e.g. "${metricId}.p90 <= 2m"`);
  } else {
    if (field.split('.')[0] === 'business') fail(`${metricId} is not a duration: it has no business-time figures`, field);
    if (field === '') field = metric.defaultField ?? 'value';
  }

  const unit = fieldUnit(metric.unit, field);
  const threshold = parseThreshold(right, unit, `${metricId}${param !== undefined ? `(${param})` : ''}${path ? `.${path}` : ''}`, fail);
  return {
    expression: text,
    metric: metricId,
    field,
    op,
    threshold,
    optional,
    ...(serviceLevelSeconds !== undefined ? { serviceLevelSeconds } : {}),
    unit,
  };
}

/** The T values (seconds) the targets measure the service level at, without repeats, in first-seen order. */
export function serviceLevelThresholds(targets: readonly Pick<Target, 'metric' | 'serviceLevelSeconds'>[]): number[] {
  const out: number[] = [];
  for (const t of targets) {
    if (t.metric === 'service_level' && t.serviceLevelSeconds !== undefined && !out.includes(t.serviceLevelSeconds)) out.push(t.serviceLevelSeconds);
  }
  return out;
}

type Fail = (problem: string, part?: string, hint?: string) => never;

function requireMetric(id: string, metrics: readonly MetricInfo[], fail: Fail): MetricInfo {
  const found = metrics.find((m) => m.id === id);
  if (found !== undefined) return found;
  const near = closest(id, metrics.map((m) => m.id));
  return fail(`unknown metric "${id}"${near ? `: did you mean ${near}?` : ''}`, id, `\`chatkpi metrics\` lists the ids${metrics.length ? `: ${metrics.map((m) => m.id).join(', ')}` : ''}`);
}

/** `80%` → 0.8, `0.8` → 0.8; anything else (or a share above 100%) is undefined. */
function parseRatio(text: string): number | undefined {
  const pct = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (pct) {
    const v = Number(pct[1]) / 100;
    return v >= 0 && v <= 1 ? v : undefined;
  }
  if (/^\d*\.?\d+$/.test(text)) {
    const v = Number(text);
    return v <= 1 ? v : undefined;
  }
  return undefined;
}

/** The right-hand side in the figure's JSON unit; a value of the wrong kind (2m for a ratio) is a usage error. */
function parseThreshold(text: string, unit: FieldUnit, left: string, fail: Fail): number {
  const isPercent = /%\s*$/.test(text);
  const isNumber = /^-?\d*\.?\d+$/.test(text);
  const duration = isNumber ? undefined : parseDuration(text);
  if (!isPercent && !isNumber && duration === undefined) {
    const example = unit === 'seconds' ? `${left} <= 2m` : unit === 'ratio' ? `${left} >= 80%` : `${left} > 30`;
    fail(`"${text}" is not a number, percentage or duration`, text, `e.g. "${example}"; ${VALUE_HINT}`);
  }
  if (unit === 'seconds') {
    if (isPercent) fail(`${left} is a duration and "${text}" a percentage: compare it with a duration`, text, `e.g. "${left} <= 2m"; ${VALUE_HINT}`);
    return isNumber ? Number(text) : (duration as number);
  }
  if (duration !== undefined) {
    const what = unit === 'ratio' ? 'a ratio' : 'a count or score';
    fail(`${left} is ${what} and "${text}" a duration: compare it with ${unit === 'ratio' ? 'a percentage' : 'a number'}`, text, unit === 'ratio' ? `e.g. "${left} >= 80%"` : `e.g. "${left} > 30"`);
  }
  if (unit === 'ratio') {
    const v = parseRatio(text);
    if (v === undefined) fail(`"${text}" is not a share between 0 and 1: write 80% or 0.8`, text, `e.g. "${left} >= 80%"`);
    return v;
  }
  if (isPercent) fail(`${left} is a count or score, not a ratio: write the number without %`, text, `e.g. "${left} > 30"`);
  return Number(text);
}

/** The known id nearest to a typo (edit distance at most 3), for "did you mean". */
function closest(id: string, ids: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of ids) {
    const d = editDistance(id.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}
