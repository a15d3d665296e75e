// Pure pieces of the benchmark (no I/O): sizes, the DuckDB KPI query, the reference answers, answer
// comparison, goals and the table. bench/run.mjs does the processes and files.

/** The standard workload writes ~152 bytes a row, so 6,600 rows make ~1 MB (660,000 rows = 100.6 MB). */
export const ROWS_PER_MB = 6600;

/** '100m' -> { label: '100m', megabytes: 100, rows: 660000 }; '1g' -> 1000 MB, 6,600,000 rows. */
export function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)([mg])b?$/i.exec(String(text).trim());
  if (!match) throw new Error(`size "${text}": expected a number and m or g, like 100m or 1g`);
  const megabytes = Number(match[1]) * (match[2].toLowerCase() === 'g' ? 1000 : 1);
  const rows = Math.round(megabytes * ROWS_PER_MB);
  if (rows < 1) throw new Error(`size "${text}": too small`);
  return { label: match[0].toLowerCase(), megabytes, rows };
}

/**
 * Reference answers from ../shared/bench/README.md (DuckDB and an independent Python pass agree), valid only for
 * files made by the shared generator with these rows and seed.
 */
export const REFERENCE = {
  '660000:1': {
    chats: 65876, missed: 12986, frt_count: 52890, frt_mean: 48.737, frt_median: 29, frt_p90: 105, frt_max: 1811,
    service_level: 0.300276, ratings: 12479, csat: 0.754548,
  },
  '6600000:1': {
    chats: 660767, missed: 131549, frt_count: 529218, frt_mean: 48.7069, frt_median: 29, frt_p90: 106, frt_max: 1845,
    service_level: 0.30028, ratings: 124895, csat: 0.751175,
  },
};

export const KPI_KEYS = ['chats', 'missed', 'frt_count', 'frt_mean', 'frt_median', 'frt_p90', 'frt_max',
  'service_level', 'ratings', 'csat'];
/** What `chatkpi report --metrics first_response_time,service_level` must still get right. */
export const FRT_SL_KEYS = ['frt_count', 'frt_mean', 'frt_median', 'frt_p90', 'frt_max', 'service_level'];
const COUNT_KEYS = new Set(['chats', 'missed', 'frt_count', 'ratings']);

const sqlString = (text) => `'${String(text).replaceAll("'", "''")}'`;

/**
 * The KPI query over the message CSV, per ../shared/bench/README.md and METRICS.md: requested_at is the first
 * customer row (else the first row); the first response is the first agent row at or after it (bots and system
 * rows never count); no such row means missed; percentiles interpolate linearly; the service level counts
 * missed chats as failures (answered within 20 s, inclusive); CSAT is the share of ratings of 4 or 5.
 *
 * One GROUP BY, so the file is scanned once: the first agent row is taken over the whole conversation, and
 * `agent_before_request` counts conversations where an agent wrote before the customer (then a later agent
 * row could be the true first response). The standard workloads have none; the check in run.mjs says so.
 */
export function kpiSql(file) {
  return `
WITH rows AS (
  SELECT conversation_id, "timestamp" AS ts, author_type, rating
  FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, quote = '"', escape = '"', delim = ',',
    columns = {'conversation_id': 'VARCHAR', 'timestamp': 'TIMESTAMP', 'author_type': 'VARCHAR',
      'author_name': 'VARCHAR', 'agent': 'VARCHAR', 'department': 'VARCHAR', 'channel': 'VARCHAR',
      'message': 'VARCHAR', 'rating': 'INTEGER'})
), conversations AS (
  SELECT coalesce(min(ts) FILTER (WHERE author_type = 'customer'), min(ts)) AS requested_at,
         min(ts) FILTER (WHERE author_type = 'agent') AS first_agent_at,
         max(rating) AS rating
  FROM rows GROUP BY conversation_id
), waits AS (
  SELECT CASE WHEN first_agent_at >= requested_at THEN epoch(first_agent_at) - epoch(requested_at) END AS frt,
         first_agent_at < requested_at AS agent_first, rating
  FROM conversations
)
SELECT count(*) AS chats, count(*) - count(frt) AS missed, count(frt) AS frt_count, avg(frt) AS frt_mean,
       quantile_cont(frt, 0.5) AS frt_median, quantile_cont(frt, 0.9) AS frt_p90, max(frt) AS frt_max,
       count(*) FILTER (WHERE frt <= 20) / count(*) AS service_level,
       count(rating) AS ratings, count(*) FILTER (WHERE rating >= 4) / count(rating) AS csat,
       count(*) FILTER (WHERE agent_first) AS agent_before_request
FROM waits`;
}

const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (value, ...path) => path.reduce((node, key) => (isRecord(node) ? node[key] : undefined), value);

/** The figures of a `chatkpi report --format json` answer (CONTRACT.md), undefined where a metric is absent. */
export function kpisFromReport(report) {
  const metrics = at(report, 'metrics');
  const frt = at(metrics, 'first_response_time');
  return {
    chats: at(metrics, 'chats', 'value'),
    missed: at(metrics, 'chats', 'by_status', 'missed'),
    frt_count: at(frt, 'count'),
    frt_mean: at(frt, 'mean'),
    frt_median: at(frt, 'median'),
    frt_p90: at(frt, 'p90'),
    frt_max: at(frt, 'max'),
    service_level: at(metrics, 'service_level', 'value'),
    ratings: at(metrics, 'csat', 'responses'),
    csat: at(metrics, 'csat', 'value'),
  };
}

/**
 * The figures of a report on the vendor JSON export (bench/gen-vendor-json.mjs). Intercom has no "missed" state:
 * its export closes every conversation, chatkpi lets the vendor's status win (METRICS.md), so `chats.by_status`
 * counts them resolved. The conversations nobody answered are `service_level.missed` (requested, no human reply,
 * not open): the CSV's missed count by the same definition.
 */
export function kpisFromVendorReport(report) {
  return { ...kpisFromReport(report), missed: at(report, 'metrics', 'service_level', 'missed') };
}

/** Decimal places of chatkpi's JSON report (it prints 0.300276 as 0.3 and 48.73696 as 48.737). */
export const REPORT_DECIMALS = 3;

const roundTo = (value, decimals) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** 'equal' | 'rounded' (only the report's rounding separates them) | 'different', for one figure. */
function agreement(key, got, want) {
  if (typeof got !== 'number' || !Number.isFinite(got)) return 'different';
  if (COUNT_KEYS.has(key)) return got === want ? 'equal' : 'different';
  if (Math.abs(got - want) <= Math.max(1e-4 * Math.abs(want), 1e-6)) return 'equal';
  return Math.abs(roundTo(want, REPORT_DECIMALS) - got) < 1e-9 ? 'rounded' : 'different';
}

/**
 * Differences between two answers over `keys`: counts must be equal; other figures within 1e-4 relative (means
 * differ in summation order; the reference table is rounded to 4-6 digits) or 1e-6 absolute near zero, or equal
 * to the expected figure rounded to REPORT_DECIMALS (see `roundedKeys`).
 */
export function compareKpis(actual, expected, keys = KPI_KEYS) {
  return keys
    .filter((key) => typeof expected[key] === 'number' && agreement(key, actual[key], expected[key]) === 'different')
    .map((key) => ({ key, actual: actual[key] ?? null, expected: expected[key] }));
}

/** The keys that agree only once the expected figure is rounded as the report rounds: precision, not a bug. */
export function roundedKeys(actual, expected, keys = KPI_KEYS) {
  return keys.filter((key) => typeof expected[key] === 'number' && agreement(key, actual[key], expected[key]) === 'rounded');
}

/** Throughput in MB/s (10^6 bytes, as the README's anchors). */
export const mbPerSecond = (bytes, seconds) => (seconds > 0 ? bytes / 1e6 / seconds : Number.NaN);

/**
 * Goals of issue 6, as PASS/MISS/n-a lines. `bySize` maps a size label to its measurements by tool id
 * ({ seconds, bytes, rssMiB }); sizes are in the order run, smallest first.
 */
export function evaluateGoals(sizes, bySize) {
  const goals = [];
  const add = (goal, size, passed, detail) => goals.push(passed === undefined
    ? { goal, size, status: 'n/a', detail: 'not measured' }
    : { goal, size, status: passed ? 'PASS' : 'MISS', detail });
  const ratio = (a, b) => (a && b ? a.seconds / b.seconds : undefined);
  const fmt = (value, digits = 2) => (value === undefined ? 'missing' : value.toFixed(digits));
  for (const size of sizes) {
    const m = bySize[size.label] ?? {};
    const full = m.chatkpi;
    const vsPapa = ratio(full, m.papaparse);
    add('end-to-end at least as fast as papaparse raw parse', size.label, vsPapa === undefined ? undefined : vsPapa <= 1,
      `chatkpi/papaparse time ${fmt(vsPapa)}x (goal <= 1)`);
    const vsDuckFrt = ratio(m['chatkpi-frt-sl'], m.duckdb);
    add('FRT+SL only within 0.9x DuckDB time', size.label, vsDuckFrt === undefined ? undefined : vsDuckFrt <= 0.9,
      `${fmt(vsDuckFrt)}x (goal <= 0.9)`);
    const vsDuck = ratio(full, m.duckdb);
    add('full report within 1.25x DuckDB time', size.label, vsDuck === undefined ? undefined : vsDuck <= 1.25,
      `${fmt(vsDuck)}x (goal <= 1.25)`);
    const floorShare = full && m.read ? mbPerSecond(full.bytes, full.seconds) / mbPerSecond(m.read.bytes, m.read.seconds) : undefined;
    add('end-to-end at least 0.2x the read floor throughput', size.label, floorShare === undefined ? undefined : floorShare >= 0.2,
      `${fmt(floorShare, 3)}x of ${fmt(m.read && mbPerSecond(m.read.bytes, m.read.seconds), 0)} MB/s (goal >= 0.2)`);
    if (m['chatkpi-ndjson']) {
      const vsCsv = ratio(m['chatkpi-ndjson'], full);
      add('NDJSON within 2x CSV time', size.label, vsCsv === undefined ? undefined : vsCsv <= 2, `${fmt(vsCsv)}x (goal <= 2)`);
    }
    if (m['chatkpi-gz']) {
      const budget = full && m.gunzip ? full.seconds + m.gunzip.seconds : undefined;
      add('.csv.gz within CSV time + zlib time', size.label, budget === undefined ? undefined : m['chatkpi-gz'].seconds <= budget,
        `${fmt(m['chatkpi-gz'].seconds)} s vs ${fmt(full?.seconds)} + ${fmt(m.gunzip?.seconds)} s`);
    }
  }
  const largest = sizes[sizes.length - 1];
  const smallest = sizes[0];
  const rss = (size) => bySize[size.label]?.chatkpi?.rssMiB;
  if (largest) {
    const peak = rss(largest);
    add('peak RSS at most 128 MB on the largest file', largest.label, peak === undefined ? undefined : peak <= 128,
      `${fmt(peak, 0)} MB${largest.megabytes < 1000 ? ' (the goal is stated at 1 GB)' : ''}`);
  }
  if (largest && smallest && largest !== smallest) {
    const growth = rss(largest) && rss(smallest) ? rss(largest) / rss(smallest) : undefined;
    add(`peak RSS at ${largest.label} at most 1.25x the ${smallest.label} figure`, largest.label,
      growth === undefined ? undefined : growth <= 1.25, `${fmt(growth)}x (goal <= 1.25)`);
  }
  return goals;
}

/**
 * Issue 6's vendor JSON goal: the export is streamed, so peak RSS on the workload's vendor JSON at `size` is at most
 * 1.25x the figure at `small` (~10x fewer rows); the detail also shows both throughputs. `bySize` as evaluateGoals.
 */
export function evaluateVendorGoal(small, size, bySize) {
  const tool = 'chatkpi-vendor-json';
  const big = bySize[size.label]?.[tool];
  const little = bySize[small.label]?.[tool];
  const goal = `vendor JSON: streamed, peak RSS at ${size.label} at most 1.25x the ${small.label} figure`;
  if (!big || !little) return { goal, size: size.label, status: 'n/a', detail: 'not measured' };
  const growth = big.rssMiB / little.rssMiB;
  const speed = (m) => `${mbPerSecond(m.bytes, m.seconds).toFixed(1)} MB/s on ${(m.bytes / 1e6).toFixed(0)} MB`;
  return {
    goal, size: size.label, status: growth <= 1.25 ? 'PASS' : 'MISS',
    detail: `${big.rssMiB.toFixed(0)} MB vs ${little.rssMiB.toFixed(0)} MB: ${growth.toFixed(2)}x (goal <= 1.25); ${speed(big)} (${small.label}: ${speed(little)})`,
  };
}

/** Left-aligned first columns, right-aligned numbers, two spaces between columns. */
export function renderTable(header, rows) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => (i < 2 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * A CSV with every field quoted, as spreadsheet tools and many vendors write it (the bench's quoted row): a byte
 * state machine over chunks, so a multi-gigabyte file streams through. Fields quoted already are copied as they
 * are (doubled quotes and line breaks inside); the others get quotes around them (the generator quotes every
 * field that holds a quote, a delimiter or a line break, so they hold none); blank lines stay blank. `quoter()`
 * returns a function from each chunk to its converted bytes; call it with no chunk at the end for the rest.
 */
export function quoter(delimiter = 0x2c) {
  const QUOTE = 0x22, LF = 0x0a, CR = 0x0d;
  // a line's first field (the LF of a CR LF reads as a blank line: nothing added); a later field; inside a field
  // we quoted; inside one quoted already; after a quote in one (closing, or the first of two); after a closing quote
  const LINE = 0, FIELD = 1, PLAIN = 2, QUOTED = 3, QUOTE_SEEN = 4, CLOSED = 5;
  let state = LINE;
  return (chunk) => {
    if (chunk === undefined) return Buffer.from(state === PLAIN ? [QUOTE] : state === FIELD ? [QUOTE, QUOTE] : []);
    const out = Buffer.allocUnsafe(chunk.length * 3); // at most two quotes added per byte (an empty field)
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (state === QUOTE_SEEN) {
        if (b === QUOTE) {
          state = QUOTED; // a doubled quote
          out[o++] = b;
          continue;
        }
        state = CLOSED;
      }
      if (state === QUOTED) {
        if (b === QUOTE) state = QUOTE_SEEN;
      } else if (state === PLAIN || state === CLOSED) {
        if (b === delimiter || b === LF || b === CR) {
          if (state === PLAIN) out[o++] = QUOTE;
          state = b === delimiter ? FIELD : LINE;
        }
      } else if (b === QUOTE) {
        state = QUOTED;
      } else if (b === delimiter || b === LF || b === CR) {
        // an empty field; on a line with nothing else, a blank line
        if (state === FIELD || b === delimiter) {
          out[o++] = QUOTE;
          out[o++] = QUOTE;
        }
        state = b === delimiter ? FIELD : LINE;
      } else {
        out[o++] = QUOTE;
        state = PLAIN;
      }
      out[o++] = b;
    }
    return out.subarray(0, o);
  };
}
