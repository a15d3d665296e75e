// chatkpi's generic message-level CSV (VENDORS.md §0; the format of the standard benchmark workload):
// one row per message, `conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating`,
// with common header synonyms so most hand-made message logs load without a mapping. The same rows as NDJSON or a
// JSON array of message objects (the benchmark generator's --format ndjson) are read with the same synonyms.
import { FieldError } from '../errors.js';
import type { ChatEvent, EventType, Role } from '../events/types.js';
import { EVENT_TYPES } from '../events/types.js';
import type { CsvRow, RawRecord, Sample } from '../inputs/types.js';
import { csatRating, isBotName, isRecord, requireTime, roleFromWord } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

export const FIELDS = {
  conversationId: ['conversation_id', 'conversation id', 'conversationid', 'chat_id', 'chat id', 'thread_id', 'session_id', 'ticket_id', 'ticket id'],
  at: ['timestamp', 'time', 'sent_at', 'created_at', 'created at', 'datetime', 'date'],
  role: ['author_type', 'author type', 'role', 'sender_type', 'sender type', 'author_role', 'user_type', 'from_type'],
  author: ['author_name', 'author name', 'author', 'sender', 'sender_name', 'from'],
  agent: ['agent', 'agent_name', 'assignee', 'assigned_agent', 'operator'],
  department: ['department', 'team', 'group', 'queue'],
  channel: ['channel', 'source', 'medium'],
  text: ['message', 'text', 'body', 'content'],
  rating: ['rating', 'csat', 'satisfaction'],
  internal: ['internal', 'is_internal', 'private'],
  event: ['event', 'event_type'],
  customer: ['customer_id', 'customer', 'customer_email', 'visitor_id'],
} as const;

/** Values of the internal column that mark a row as an internal note (after trim and lower case). */
export const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes', 'y', 'internal', 'private', 'note']);
const MESSAGE_EVENT_TYPES = new Set<string>(EVENT_TYPES);

function detect(sample: Sample): Detection {
  const names = sample.format === 'csv' ? sample.normalizedHeaders ?? [] : jsonKeys(sample.records[0]);
  const h = new Set(names);
  const has = (alternatives: readonly string[]): string | undefined => alternatives.find((n) => h.has(n));
  const id = has(FIELDS.conversationId);
  const at = has(FIELDS.at);
  const role = has(FIELDS.role);
  const what = sample.format === 'csv' ? 'headers' : 'keys';
  if (!id || !at || !role) return { score: 0, reason: `needs a conversation id, a timestamp and an author type ${sample.format === 'csv' ? 'column' : 'key'}` };
  const exact = ['conversation_id', 'timestamp', 'author_type', 'author_name', 'agent', 'department', 'channel', 'message', 'rating'];
  const isExact = exact.every((c) => h.has(c));
  return isExact
    ? { score: 0.9, reason: `${what} conversation_id, timestamp, author_type... (chatkpi message-level format)` }
    : { score: 0.6, reason: `${what} ${id}, ${at}, ${role} (message-level log)` };
}

function jsonKeys(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value).map((k) => k.trim().toLowerCase()) : [];
}

/** The object has exactly these keys in this order (checked without building a key list per record). */
function sameKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in value) if (keys[i++] !== k) return false;
  return i === keys.length;
}

/**
 * A JSON/NDJSON message object read like a CSV row: each field is the first synonym present as a key (any case).
 * The key chosen per field is found once per key set, not per record.
 */
function jsonRow(value: Record<string, unknown>, line: number, ctx: AdapterContext): CsvRow {
  const cacheKey = 'generic-messages:json-keys';
  let cached = ctx.state.get(cacheKey) as { keys: string[]; byField: Map<string, string> } | undefined;
  if (cached === undefined || !sameKeys(value, cached.keys)) {
    const keys = Object.keys(value);
    const lower = new Map(keys.map((k) => [k.trim().toLowerCase(), k]));
    const byField = new Map<string, string>();
    for (const [field, alternatives] of Object.entries(FIELDS)) {
      const found = (alternatives as readonly string[]).find((a) => lower.has(a));
      if (found !== undefined) byField.set(field, lower.get(found)!);
    }
    cached = { keys, byField };
    ctx.state.set(cacheKey, cached);
  }
  const byField = cached.byField;
  const get = (field: string): string | undefined => {
    const key = byField.get(field);
    if (key === undefined) return undefined;
    const v = value[key];
    if (v === null || v === undefined) return '';
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  };
  return { kind: 'csv', line, get, getAll: (field) => { const v = get(field); return v ? [v] : []; } };
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (record.kind === 'json' && !isRecord(record.value)) throw new FieldError('(record)', 'not a JSON object', 'BAD_RECORD');
  const row = record.kind === 'csv' ? record : jsonRow(record.value as Record<string, unknown>, record.line, ctx);
  const conversationId = row.get('conversationId') ?? '';
  if (conversationId === '') throw new FieldError('conversation_id', 'empty: every row needs its conversation id', 'MISSING_ID');
  const at = requireTime(row.get('at'), 'timestamp', ctx);
  const roleWord = row.get('role') ?? '';
  const author = row.get('author') || undefined;
  let role: Role | undefined = roleFromWord(roleWord);
  if (role === undefined) throw new FieldError('author_type', `unknown author type "${roleWord}" (expected customer, agent, bot or system)`, 'BAD_ROLE');
  if (role === 'agent' && isBotName(author, ctx) && ctx.options.botNames.size > 0) role = 'bot';
  const eventWord = (row.get('event') ?? '').trim().toLowerCase();
  const type: EventType = eventWord !== '' && MESSAGE_EVENT_TYPES.has(eventWord) ? (eventWord as EventType) : 'message';
  const e: ChatEvent = { conversationId, at, type, role };
  const agent = row.get('agent');
  // The agent column is the conversation's assignee on every row; an agent row without it names its author.
  if (agent) e.agent = agent;
  else if (role === 'agent' && author) e.agent = author;
  const department = row.get('department');
  if (department) e.department = department;
  const channel = row.get('channel');
  if (channel) e.channel = channel;
  const customer = row.get('customer');
  if (customer) e.customerId = customer;
  else if (role === 'customer' && author) e.customerId = author;
  const internal = row.get('internal');
  if (internal && TRUE_WORDS.has(internal.trim().toLowerCase())) e.isInternal = true;
  if (ctx.options.keepText) {
    const text = row.get('text');
    if (text !== undefined) e.text = text;
  }
  const ratingText = row.get('rating');
  if (ratingText === undefined || ratingText === '') return [e];
  let rating;
  try {
    rating = csatRating(ratingText);
  } catch {
    throw new FieldError('rating', `not a rating: "${ratingText}" (expected 1-5, good/bad or thumbs)`, 'BAD_RATING');
  }
  if (rating === undefined) return [e];
  return [e, { conversationId, at, type: 'rated', role: 'customer', rating }];
}

const adapter: Adapter = {
  id: 'generic-messages',
  vendor: 'Message-level CSV (chatkpi generic format)',
  formats: ['csv', 'ndjson', 'json'],
  docs: 'README.md, section "Generic message-level CSV"',
  fields: FIELDS,
  requiredFields: ['conversationId', 'at', 'role'],
  detect,
  toEvents,
};

export default adapter;
