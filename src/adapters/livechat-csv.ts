// LiveChat (livechat.com) Archives → "Export to CSV": one wide row per chat, no message texts.
// Source: VENDORS.md §3a (column names confirmed from public scripts that parse real exports);
// https://www.livechat.com/help/archives/ for the export itself.
//
// The file has no message times, only the chat's creation and start dates (in the zone named in the header:
// `chat start date Europe/London`), its duration and LiveChat's own `first response time` in seconds. So:
// - the customer's request is the creation date; the chat starts with the customer's first message;
// - the first reply is placed at start + `first response time` (the only reply time the file has): by operator 1,
//   a bot when operator 1 is one (`--bot-names`, or a name like "ChatBot");
// - a chat first answered by a bot, handed to a human (`operator 2 nick`), has no known human reply time: it is
//   kept out of first_response_time and the warning counts it (`--count-bots` counts the bot's reply);
// - no operator and no first response time: a missed chat (ended after its duration);
// - `rate`: rated good / rated bad is a binary CSAT; `first response time`, `chat duration in seconds` and the queue
//   duration are kept as the vendor's own figures for the cross-check.
import type { ChatEvent } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { csatRating, isBotName, num, requireTime } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';
import { FieldError } from '../errors.js';

const FIELDS = {
  id: ['conferenceid', 'chat id'],
  createdAt: [/^chat creation date( .+)?$/],
  startedAt: [/^chat start date( .+)?$/],
  duration: ['chat duration in seconds', 'chat duration'],
  queueSeconds: [/^queue duration( in seconds)?$/, /^queue wait( time)?( in seconds)?$/],
  visitorId: ['visitor id'],
  visitorNick: ['visitor nick'],
  visitorEmail: ['visitor email'],
  group: ['group name'],
  rate: ['rate'],
  rateComment: ['last rate comment'],
  operators: [/^operator \d+ nick$/],
  tags: [/^tag \d+$/],
  firstResponse: ['first response time'],
  averageResponse: ['average response time'],
} as const;

/** `chat start date Europe/London` → `Europe/London`; no suffix → the --input-tz. */
export function zoneFromHeader(header: string | undefined, fallback: string): string {
  const m = /date\s+(.+)$/i.exec(header ?? '');
  return m?.[1]?.trim() || fallback;
}

function detect(sample: Sample): Detection {
  if (sample.format !== 'csv') return { score: 0, reason: 'not CSV' };
  const h = sample.normalizedHeaders ?? [];
  const hasId = h.includes('conferenceid');
  const hasStart = h.some((x) => x.startsWith('chat start date') || x.startsWith('chat creation date'));
  const hasOperator = h.includes('operator 1 nick');
  if (hasId && (hasStart || hasOperator)) return { score: 0.95, reason: 'headers conferenceId + chat start date/operator 1 nick' };
  if (hasStart && hasOperator) return { score: 0.7, reason: 'headers chat start date + operator 1 nick (no conferenceId)' };
  return { score: 0, reason: 'needs conferenceId and chat start date or operator 1 nick' };
}

function toEvents(row: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (row.kind !== 'csv') return [];
  const conversationId = row.get('id') ?? '';
  if (conversationId === '') throw new FieldError('conferenceId', 'empty: every chat needs its id', 'MISSING_ID');
  const createdHeader = ctx.columnName('createdAt');
  const startHeader = ctx.columnName('startedAt');
  const createdZone = zoneFromHeader(createdHeader, ctx.options.inputTz);
  const startZone = zoneFromHeader(startHeader, ctx.options.inputTz);
  const createdText = row.get('createdAt');
  const startText = row.get('startedAt');
  const startedAt = startText ? requireTime(startText, startHeader ?? 'chat start date', ctx, startZone) : undefined;
  const createdAt = createdText ? requireTime(createdText, createdHeader ?? 'chat creation date', ctx, createdZone) : startedAt;
  if (createdAt === undefined) throw new FieldError('chat creation date', 'empty: a chat needs its creation or start date', 'MISSING_TIMESTAMP');
  const start = startedAt ?? createdAt;
  const durationSeconds = parseSeconds(row.get('duration'), 'chat duration in seconds');
  const firstResponseSeconds = parseSeconds(row.get('firstResponse'), 'first response time');
  const queueSeconds = parseSeconds(row.get('queueSeconds'), 'queue duration');
  const operators = row.getAll('operators');
  const department = row.get('group') || undefined;
  const customerId = row.get('visitorEmail') || row.get('visitorId') || row.get('visitorNick') || undefined;
  const tags = row.getAll('tags');
  const base = { conversationId, ...(department ? { department } : {}) };
  const endedAt = start + (durationSeconds ?? 0) * 1000;

  const events: ChatEvent[] = [
    { ...base, at: createdAt, type: 'created', role: 'customer', ...(customerId ? { customerId } : {}), ...(tags.length ? { tags } : {}) },
    { ...base, at: start, type: 'message', role: 'customer' },
  ];
  const humans = operators.filter((o) => !isBotName(o, ctx));
  const firstOperator = operators[0];
  if (firstOperator === undefined && firstResponseSeconds === undefined) {
    events.push({ ...base, at: endedAt, type: 'missed', role: 'system', vendorStatus: 'missed' });
  } else {
    const repliedAt = start + (firstResponseSeconds ?? 0) * 1000;
    const firstIsBot = firstOperator !== undefined && isBotName(firstOperator, ctx);
    if (firstResponseSeconds !== undefined) {
      events.push(
        firstIsBot
          ? { ...base, at: repliedAt, type: 'message', role: 'bot' }
          : { ...base, at: repliedAt, type: 'message', role: 'agent', ...(firstOperator ? { agent: firstOperator } : {}) },
      );
    }
    if (firstIsBot && humans.length > 0) {
      ctx.warn('chats first answered by a bot have no known human reply time: left out of first_response_time (--count-bots counts the bot reply)');
      events.push({ ...base, at: repliedAt, type: 'assigned', role: 'system', agent: humans[0]! });
    }
    // Each further operator is a transfer (public parsers of this export count `operator 2 nick` so).
    for (const next of operators.slice(1)) {
      events.push({ ...base, at: repliedAt, type: 'transferred', role: 'system', transferTo: next, ...(isBotName(next, ctx) ? {} : { agent: next }) });
    }
    events.push({ ...base, at: endedAt, type: 'ended', role: 'system', vendorStatus: humans.length > 0 ? 'resolved' : 'missed' });
  }
  const rating = csatRating(row.get('rate') || undefined, row.get('rateComment') || undefined);
  if (rating) events.push({ ...base, at: endedAt, type: 'rated', role: 'customer', rating });
  if (firstResponseSeconds !== undefined) {
    events.push({ ...base, at: start, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'first_response_time', seconds: firstResponseSeconds, source: 'first response time' } });
  }
  if (durationSeconds !== undefined) {
    events.push({ ...base, at: start, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'chat_duration', seconds: durationSeconds, source: 'chat duration in seconds' } });
  }
  if (queueSeconds !== undefined) {
    events.push({ ...base, at: start, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'queue_time', seconds: queueSeconds, source: 'queue duration' } });
  }
  return events;
}

function parseSeconds(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = num(value);
  if (n === undefined || n < 0) throw new FieldError(field, `not a number of seconds: "${value}"`, 'BAD_NUMBER');
  return n;
}

const adapter: Adapter = {
  id: 'livechat-csv',
  vendor: 'LiveChat (Archives → Export to CSV)',
  formats: ['csv'],
  docs: 'https://www.livechat.com/help/archives/',
  fields: FIELDS,
  requiredFields: ['id'],
  detect,
  toEvents,
};

export default adapter;
