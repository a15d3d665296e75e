// Command-line options and the config file → RunOptions. Every wrong value is a UsageError naming it (exit 2).
import { existsSync, readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DateTime } from 'luxon';
import { findAdapter, ADAPTERS } from '../adapters/index.js';
import { createMappingAdapter, parseMapOption } from '../adapters/mapping.js';
import type { Adapter } from '../adapters/types.js';
import { applyPreset, PRESETS, presetSettings } from '../conversations/presets.js';
import { UsageError } from '../errors.js';
import { maxRecordBytesFrom, RECORD_LIMIT_ENV } from '../inputs/limits.js';
import { findMetric, METRICS } from '../metrics/index.js';
import type { MetricOptions } from '../metrics/types.js';
import { GROUP_DIMENSIONS, type GroupDimension, type RunOptions } from '../pipeline.js';
import { parseTarget, serviceLevelThresholds, type Target } from '../targets/parse.js';
import { parseSchedule } from '../time/business-hours.js';
import { calendarClock, createClock, type Clock } from '../time/clock.js';
import { parseDuration } from '../time/duration.js';
import { loadHolidays } from '../time/holidays.js';
import { isValidZone } from '../time/parse.js';
import type { Io } from './io.js';

/** Options shared by report, check, events and inspect. */
export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--adapter <id>', 'use this adapter instead of detecting the format (see `chatkpi adapters`)')
    .option('--map <pairs>', 'read any CSV/JSON by naming its columns: conversation_id=Ticket,at=Created,role=Author type')
    .option('--config <file>', 'config file (default: chatkpi.config.json in the current directory, if present)')
    .option('--input-tz <zone>', 'IANA zone of timestamps written without an offset', undefined)
    .option('--tz <zone>', 'IANA zone of the report: days, weeks, hours and business hours', undefined)
    .option('--bot-names <names>', 'comma-separated author names that are bots although the export calls them agents')
    .option('--count-bots', 'bot replies count as responses (FRT, waits); the report says so')
    .option('--max-skipped <n>', 'malformed rows tolerated before the run fails with exit 3', '1000')
    .option('--idle-window <duration>', 'fold a conversation idle this long on time-ordered input (0 = keep all)', '24h')
    .addOption(new Option('--csv-engine <engine>', 'CSV reader').choices(['auto', 'fast', 'csv-parse']).default('auto'))
    .option('-q, --quiet', 'no progress bar and no warnings on stderr')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('--debug', 'show stack traces of internal errors');
}

/** Options of the commands that compute metrics (report, check). */
export function addMetricOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', 'table | json | markdown | csv | html | junit (default: table on a terminal, json in a pipe)')
    .option('-o, --output <file>', 'write the report to a file; the format follows the extension unless --format is given')
    .option('-t, --target <expr>', 'a target to check, e.g. "80% in 20s", "csat >= 80%" (repeatable)', collect, [])
    .option('-g, --group-by <dim>', `group by ${GROUP_DIMENSIONS.join('|')} (repeatable or comma-separated)`, collect, [])
    .option('--from <date>', 'first day (or instant) of the period, in --tz')
    .option('--to <date>', 'last day of the period (inclusive), or an instant (exclusive), in --tz')
    .option('--as-of <date>', 'the moment open conversations are aged to (default: the end of the data)')
    .option('--metrics <ids>', 'comma-separated metric ids (default: the standard set; `chatkpi metrics` lists them)')
    .option('--business-hours <spec>', 'e.g. "mon-fri 09:00-18:00; sat 10:00-14:00": durations also in business time')
    .option('--holidays <spec>', 'a file of dates/ranges, an .ics file, dates, or a country/region code (ES, US-NY)')
    .option('--sl-threshold <duration>', 'T of the service level', '20s')
    .addOption(new Option('--sl-denominator <variant>', 'which chats the service level counts').choices(['offered', 'answered', 'abandoned_neutral', 'short_abandon_removed']))
    .option('--short-abandon <duration>', 'unanswered chats the customer left within this time are left out of the service level')
    .option('--pause-status <statuses>', 'comma-separated statuses whose time is taken out of resolution time (pending,on-hold)')
    .addOption(new Option('--as <vendor>', 'reproduce a vendor dashboard\'s definitions').choices(Object.keys(PRESETS)))
    .option('--recontact-window <duration>', 'FCR: a new conversation from the same customer within this is a recontact', '7d')
    .option('--percentiles <list>', 'extra percentiles, e.g. 75,95,99');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export interface CommonFlags {
  adapter?: string;
  map?: string;
  config?: string;
  inputTz?: string;
  tz?: string;
  botNames?: string;
  countBots?: boolean;
  maxSkipped: string;
  idleWindow: string;
  csvEngine: 'auto' | 'fast' | 'csv-parse';
  quiet?: boolean;
  color: boolean;
  debug?: boolean;
}

export interface MetricFlags extends CommonFlags {
  format?: string;
  output?: string;
  target: string[];
  groupBy: string[];
  from?: string;
  to?: string;
  asOf?: string;
  metrics?: string;
  businessHours?: string;
  holidays?: string;
  slThreshold: string;
  slDenominator?: string;
  shortAbandon?: string;
  pauseStatus?: string;
  as?: string;
  recontactWindow: string;
  percentiles?: string;
}

/** The config file's shape (`chatkpi.config.json`); every key is optional, flags win over it. */
export interface Config {
  adapter?: string;
  mapping?: Record<string, string>;
  input_tz?: string;
  tz?: string;
  targets?: (string | { expression: string; optional?: boolean })[];
  group_by?: string[];
  business_hours?: string;
  holidays?: string;
  bot_names?: string[];
  metrics?: string[];
  service_level?: { threshold?: string; denominator?: string; short_abandon?: string };
  pause_statuses?: string[];
  preset?: string;
  settings?: Record<string, unknown>;
}

export function loadConfig(path: string | undefined, cwd: string): { config: Config; path?: string } {
  const file = path ?? (existsSync(`${cwd}/chatkpi.config.json`) ? `${cwd}/chatkpi.config.json` : undefined);
  if (file === undefined) return { config: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError('BAD_CONFIG', `--config ${file}: cannot read the file`, 'check the path');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError('BAD_CONFIG', `${file}: not valid JSON (${(err as Error).message})`, 'see README.md, "Config file"');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError('BAD_CONFIG', `${file}: the config must be a JSON object`, 'see README.md, "Config file"');
  }
  const known = new Set(['adapter', 'mapping', 'input_tz', 'tz', 'targets', 'group_by', 'business_hours', 'holidays', 'bot_names', 'metrics', 'service_level', 'pause_statuses', 'preset', 'settings', '$schema']);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new UsageError('BAD_CONFIG', `${file}: unknown key "${key}"`, `known keys: ${[...known].filter((k) => k !== '$schema').join(', ')}`);
  }
  return { config: value as Config, path: file };
}

function zoneOption(name: string, value: string | undefined, fallback: string): string {
  const zone = value ?? fallback;
  if (!isValidZone(zone)) throw new UsageError('BAD_ZONE', `${name} ${zone}: not an IANA time zone`, 'use a name like Europe/Madrid, America/New_York or UTC');
  return zone;
}

function durationOption(name: string, value: string): number {
  const seconds = parseDuration(value);
  if (seconds === undefined || seconds < 0) throw new UsageError('BAD_DURATION', `${name} ${value}: not a duration`, 'use 45s, 2m, 1h30m or 1d');
  return seconds;
}

/** `2026-01-31` (a whole day in the zone) or an ISO instant. `endOfDay` makes a date inclusive. */
export function dateOption(name: string, value: string, zone: string, endOfDay: boolean): number {
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const dt = DateTime.fromISO(value, { zone });
  if (!dt.isValid) throw new UsageError('BAD_DATE', `${name} ${value}: not a date`, 'use 2026-01-31 or 2026-01-31T18:00:00Z');
  return isDateOnly && endOfDay ? dt.plus({ days: 1 }).toMillis() : dt.toMillis();
}

function resolveAdapter(flags: CommonFlags, config: Config): Adapter | undefined {
  if (flags.map !== undefined) return createMappingAdapter(parseMapOption(flags.map));
  const id = flags.adapter ?? config.adapter;
  if (id !== undefined) {
    const a = findAdapter(id);
    if (a === undefined) throw new UsageError('UNKNOWN_ADAPTER', `--adapter ${id}: no such adapter`, `one of: ${ADAPTERS.map((x) => x.id).join(', ')}`);
    return a;
  }
  if (config.mapping !== undefined) return createMappingAdapter(config.mapping);
  return undefined;
}

export interface Built {
  run: RunOptions;
  targets: Target[];
  config: Config;
}

/** CHATKPI_MAX_RECORD_BYTES: a documented escape hatch for one huge record, not a flag (CONTRACT.md's options stay as they are). */
function recordLimit(env: Io['env']): { maxRecordBytes?: number } {
  const bytes = maxRecordBytesFrom(env);
  if (bytes === undefined) return {};
  if (Number.isNaN(bytes)) throw new UsageError('BAD_OPTION', `${RECORD_LIMIT_ENV}=${env[RECORD_LIMIT_ENV] ?? ''}: not a size`, `a whole number of bytes, or with K, M or G: ${RECORD_LIMIT_ENV}=256M`);
  return { maxRecordBytes: bytes };
}

export function buildRunOptions(files: string[], flags: MetricFlags | CommonFlags, io: Io, version: string, forEvents = false): Built {
  const { config } = loadConfig(flags.config, process.cwd());
  const m = flags as Partial<MetricFlags>;
  const inputTz = zoneOption('--input-tz', flags.inputTz ?? config.input_tz, 'UTC');
  const tz = zoneOption('--tz', flags.tz ?? config.tz, 'UTC');
  const maxSkipped = Number(flags.maxSkipped);
  if (!Number.isInteger(maxSkipped) || maxSkipped < 0) throw new UsageError('BAD_OPTION', `--max-skipped ${flags.maxSkipped}: not a whole number`, 'e.g. --max-skipped 100');
  const idleSeconds = durationOption('--idle-window', flags.idleWindow);

  const targetSpecs = [
    ...(config.targets ?? []).map((t) => (typeof t === 'string' ? { expression: t, optional: false } : { expression: t.expression, optional: t.optional === true })),
    ...(m.target ?? []).map((expression) => ({ expression, optional: false })),
  ];
  const targets = targetSpecs.map((t) => parseTarget(t.expression, { optional: t.optional }));

  const groupBy = [...(m.groupBy ?? []).flatMap((g) => g.split(',')), ...(m.groupBy?.length ? [] : (config.group_by ?? []))]
    .map((g) => g.trim())
    .filter((g) => g !== '');
  for (const g of groupBy) {
    if (!(GROUP_DIMENSIONS as readonly string[]).includes(g)) {
      throw new UsageError('BAD_GROUP_BY', `--group-by ${g}: not a dimension`, `one of: ${GROUP_DIMENSIONS.join(', ')}`);
    }
  }

  const metricList = m.metrics !== undefined ? m.metrics.split(',').map((s) => s.trim()).filter(Boolean) : config.metrics;
  if (metricList) {
    for (const id of metricList) {
      if (findMetric(id) === undefined) throw new UsageError('UNKNOWN_METRIC', `--metrics ${id}: no such metric`, `see \`chatkpi metrics\`; known: ${METRICS.map((x) => x.id).join(', ')}`);
    }
  }
  // A target on a metric that is not in --metrics still needs it computed.
  const metricIds = metricList ? [...new Set([...metricList, ...targets.map((t) => t.metric)])] : undefined;

  let clock: Clock = calendarClock(tz);
  const businessHours = m.businessHours ?? config.business_hours;
  const holidaysSpec = m.holidays ?? config.holidays;
  if (businessHours !== undefined || holidaysSpec !== undefined) {
    const schedule = parseSchedule(businessHours ?? 'mon-sun 00:00-24:00');
    const holidays = holidaysSpec !== undefined ? loadHolidays(holidaysSpec, { zone: tz }) : undefined;
    clock = createClock({ zone: tz, businessHours: schedule, ...(holidays ? { holidays } : {}) });
  }

  const slSeconds = durationOption('--sl-threshold', m.slThreshold ?? config.service_level?.threshold ?? '20s');
  const shortAbandonText = m.shortAbandon ?? config.service_level?.short_abandon;
  const shortAbandonSeconds = shortAbandonText !== undefined ? durationOption('--short-abandon', shortAbandonText) : undefined;
  const presetId = m.as ?? config.preset;
  if (presetId !== undefined && !(presetId in PRESETS)) throw new UsageError('BAD_PRESET', `--as ${presetId}: no such preset`, `one of: ${Object.keys(PRESETS).join(', ')}`);
  const pauseStatuses = (m.pauseStatus?.split(',') ?? config.pause_statuses ?? []).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const denominator = m.slDenominator ?? config.service_level?.denominator ?? (shortAbandonSeconds !== undefined ? 'short_abandon_removed' : undefined);
  const percentiles = (m.percentiles ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((p) => {
    const n = Number(p);
    if (!(n > 0 && n < 100)) throw new UsageError('BAD_OPTION', `--percentiles ${p}: not a percentile between 0 and 100`, 'e.g. --percentiles 75,95,99');
    return n;
  });
  const settings: Record<string, unknown> = {
    ...(presetId !== undefined ? presetSettings(presetId as keyof typeof PRESETS) : {}),
    ...(config.settings ?? {}),
    serviceLevelThresholds: [...new Set([slSeconds, ...serviceLevelThresholds(targets)])],
    ...(denominator !== undefined ? { serviceLevelDenominator: denominator } : {}),
    ...(pauseStatuses.length > 0 ? { pauseStatuses } : {}),
  };
  const metricOptions: MetricOptions = {
    serviceLevelSeconds: slSeconds,
    ...(shortAbandonSeconds !== undefined ? { shortAbandonSeconds } : {}),
    countBots: flags.countBots === true,
    clock,
    recontactWindowSeconds: durationOption('--recontact-window', m.recontactWindow ?? '7d'),
    percentiles,
    ...(m.asOf !== undefined ? { asOf: dateOption('--as-of', m.asOf, tz, false) } : {}),
    settings,
  };
  const selected = metricIds?.map((id) => findMetric(id)!) ?? METRICS.filter((x) => x.isDefault);
  const keepText = forEvents || selected.some((x) => x.needs.includes('texts'));
  const botNames = [...(flags.botNames?.split(',') ?? []), ...(config.bot_names ?? [])].map((s) => s.trim()).filter(Boolean);
  const adapter = resolveAdapter(flags, config);

  const run: RunOptions = {
    files,
    stdin: io.stdin,
    ...(adapter ? { adapter } : {}),
    adapterOptions: { inputTz, botNames: new Set([...botNames, ...botNames.map((b) => b.toLowerCase())]), keepText },
    clock,
    ...(m.from !== undefined ? { from: dateOption('--from', m.from, tz, false) } : {}),
    ...(m.to !== undefined ? { to: dateOption('--to', m.to, tz, true) } : {}),
    groupBy: groupBy as GroupDimension[],
    ...(metricIds ? { metricIds } : {}),
    metricOptions,
    countBots: flags.countBots === true,
    maxSkipped,
    idleWindowMs: idleSeconds === 0 ? null : idleSeconds * 1000,
    ...(presetId !== undefined ? { transform: (c) => applyPreset(c, presetId as keyof typeof PRESETS) } : {}),
    settings: {
      input_timezone: inputTz,
      service_level_threshold_seconds: slSeconds,
      service_level_denominator: denominator ?? 'offered',
      short_abandon_seconds: shortAbandonSeconds ?? null,
      count_bots: flags.countBots === true,
      business_hours: businessHours ?? null,
      holidays: holidaysSpec ?? null,
      preset: presetId ?? null,
      pause_statuses: pauseStatuses.length > 0 ? pauseStatuses.join(',') : null,
    },
    version,
    csvEngine: flags.csvEngine,
    ...recordLimit(io.env),
  };
  return { run, targets, config };
}
