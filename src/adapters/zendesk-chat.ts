// Zendesk Chat (formerly Zopim): chats from the Chat Conversations API, as dumped from `GET /api/v2/chats` or the
// incremental `GET /api/v2/chat/incremental/chats?fields=chats(*)`: each item of `chats[]` is one chat with its history.
// Source: VENDORS.md §2; https://developer.zendesk.com/api-reference/live-chat/chat-api/chats/ and the chats schema and
// unit-test response of airbytehq/airbyte source-zendesk-chat (wrapper `chats`, `count`, `end_id`, `end_time`).
//
// Roles come from the history entry's `nick`: `visitor:<id>` → customer, `agent:trigger` → bot (an automated trigger
// message), `agent:system` → system, `agent:<id>` → agent named by the entry's `name` (a bot by --bot-names or a
// bot-like name such as "Answer Bot"). Zendesk Chat has no internal notes in the history.
//
// Events:
// - `created` at the chat's `timestamp`, by whoever `started_by` says (visitor → customer; agent → agent and trigger →
//   bot: proactive chats, outreach); `chat.msg` / `chat.file.upload` → messages;
// - the first `chat.memberjoin` of a human agent → assigned; a later agent joining, or an entry with
//   `prev_department_id` (a department transfer) → transferred, once when the department change and the next agent
//   joining are one handover;
// - `chat.rating` (`new_rating`, last one wins) or the chat's `rating` + `comment` → binary CSAT;
// - `missed: true` → missed (vendor status, which wins); `type: "offline_msg"` → the visitor's `message`, then missed
//   with vendor status `offline`; other chats end at `session.end_date` (else start + `duration`);
// - `response_time.first` (s) → vendor first_response_time, `duration` (s) → vendor chat_duration.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, csatRating, isBotName, isRecord, jsonTime, num, records, str } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** JSON paths read from each chat and history entry (for `inspect`; toEvents reads them below). */
export const FIELDS = {
  chat: { id: 'id', type: 'type', startedAt: 'timestamp', startedBy: 'started_by', visitorId: 'visitor.id', visitorEmail: 'visitor.email', department: 'department_name', tags: 'tags', missed: 'missed', rating: 'rating', comment: 'comment', endedAt: 'session.end_date', duration: 'duration', firstResponse: 'response_time.first', history: 'history', offlineMessage: 'message' },
  entry: { type: 'type', at: 'timestamp', nick: 'nick', name: 'name', text: 'msg', department: 'department_name', previousDepartment: 'prev_department_id', rating: 'new_rating' },
} as const;

function detect(sample: Sample): Detection {
  if (sample.format === 'csv') return { score: 0, reason: 'not JSON' };
  const first = sample.records[0];
  if (!isRecord(first) || !isRecord(first['visitor'])) return { score: 0, reason: 'needs chats with visitor + history[] + response_time' };
  const hasHistory = Array.isArray(first['history']) || first['type'] === 'offline_msg';
  const hasChatFields = isRecord(first['response_time']) || typeof first['missed'] === 'boolean' || 'started_by' in first;
  if (!hasHistory || !hasChatFields) return { score: 0, reason: 'needs chats with visitor + history[] + response_time' };
  const keys = sample.topLevelKeys ?? [];
  const wrapped = sample.wrapperKey === 'chats' && (keys.includes('next_url') || keys.includes('end_id') || keys.includes('count'));
  return wrapped
    ? { score: 0.95, reason: 'chats[] with visitor, history[], response_time (Zendesk Chat API)' }
    : { score: 0.9, reason: 'chats with visitor, history[], response_time (Zendesk Chat)' };
}

/** `visitor:…` → customer, `agent:trigger` → bot, `agent:system` → system, other `agent:…` → agent (or a named bot). */
export function roleFromNick(nick: string | undefined, name: string | undefined, ctx: AdapterContext): Role {
  const n = (nick ?? '').toLowerCase();
  if (n.startsWith('visitor')) return 'customer';
  if (n === 'agent:trigger') return 'bot';
  if (n === 'agent:system' || n === '') return 'system';
  if (n.startsWith('agent')) return isBotName(name, ctx) || isBotName(nick, ctx) ? 'bot' : 'agent';
  return 'system';
}

function requireJsonTime(value: unknown, field: string, ctx: AdapterContext): number {
  const t = jsonTime(value, field, ctx);
  if (t === undefined) throw new FieldError(field, 'empty, a timestamp is required', 'MISSING_TIMESTAMP');
  return t;
}

function seconds(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = num(value);
  if (n === undefined || n < 0) throw new FieldError(field, `not a number of seconds: ${JSON.stringify(value)}`, 'BAD_NUMBER');
  return n;
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (record.kind !== 'json') return [];
  const chat = record.value;
  if (!isRecord(chat)) throw new FieldError('chat', 'not a chat object', 'BAD_RECORD');
  const conversationId = str(chat['id']);
  if (conversationId === undefined) throw new FieldError('id', 'empty: every chat needs its id', 'MISSING_ID');
  const startedAt = requireJsonTime(chat['timestamp'], 'timestamp', ctx);
  const department = str(chat['department_name']);
  const customerId = str(at(chat, 'visitor.email')) ?? str(at(chat, 'visitor.id'));
  const tags = Array.isArray(chat['tags']) ? chat['tags'].filter((t): t is string => typeof t === 'string') : [];
  const base = { conversationId, channel: 'chat', ...(department ? { department } : {}) };
  const startedBy = str(chat['started_by']);
  const createdRole: Role = startedBy === 'agent' ? 'agent' : startedBy === 'trigger' ? 'bot' : 'customer';
  const events: ChatEvent[] = [
    { ...base, at: startedAt, type: 'created', role: createdRole, ...(customerId ? { customerId } : {}), ...(tags.length ? { tags } : {}) },
  ];

  if (chat['type'] === 'offline_msg') {
    const message: ChatEvent = { ...base, at: startedAt, type: 'message', role: 'customer' };
    const text = str(chat['message']);
    if (ctx.options.keepText && text !== undefined) message.text = text;
    events.push(message, { ...base, at: startedAt, type: 'missed', role: 'system', vendorStatus: 'offline' });
    return events;
  }

  let lastAt = startedAt;
  let hasAgentJoined = false;
  let ratedAt: number | undefined;
  let historyRating: string | undefined;
  let pendingDepartment: { at: number; to?: string } | undefined;
  for (const entry of records(chat['history'])) {
    const type = str(entry['type']) ?? '';
    const entryAt = requireJsonTime(entry['timestamp'], 'history.timestamp', ctx);
    lastAt = Math.max(lastAt, entryAt);
    const name = str(entry['name']);
    const role = roleFromNick(str(entry['nick']), name, ctx);
    if (type === 'chat.msg' || type === 'chat.file.upload') {
      const e: ChatEvent = { ...base, at: entryAt, type: 'message', role, ...(role === 'agent' && name ? { agent: name } : {}) };
      const text = str(entry['msg']);
      if (ctx.options.keepText && text !== undefined) e.text = text;
      events.push(e);
    } else if (type === 'chat.memberjoin' && role === 'agent') {
      const agent = name ? { agent: name, transferTo: name } : {};
      if (pendingDepartment !== undefined) {
        // The agent taking over after a department change: one transfer, not two.
        events.push({ ...base, at: entryAt, type: 'transferred', role: 'system', ...agent, ...(pendingDepartment.to ? { department: pendingDepartment.to } : {}) });
        pendingDepartment = undefined;
      } else if (hasAgentJoined) {
        events.push({ ...base, at: entryAt, type: 'transferred', role: 'system', ...agent });
      } else {
        events.push({ ...base, at: entryAt, type: 'assigned', role: 'system', ...(name ? { agent: name } : {}) });
      }
      hasAgentJoined = true;
    } else if (type === 'chat.rating') {
      const r = str(entry['new_rating']) ?? str(entry['rating']);
      if (r !== undefined) {
        historyRating = r;
        ratedAt = entryAt;
      }
    }
    if (entry['prev_department_id'] !== undefined && entry['prev_department_id'] !== null) {
      if (pendingDepartment !== undefined) events.push(departmentTransfer(base, pendingDepartment));
      const to = str(entry['department_name']);
      pendingDepartment = { at: entryAt, ...(to ? { to } : {}) };
    }
  }
  if (pendingDepartment !== undefined) events.push(departmentTransfer(base, pendingDepartment));

  const duration = seconds(chat['duration'], 'duration');
  const endedAt = jsonTime(at(chat, 'session.end_date'), 'session.end_date', ctx) ?? (duration !== undefined ? startedAt + duration * 1000 : lastAt);
  events.push(chat['missed'] === true
    ? { ...base, at: endedAt, type: 'missed', role: 'system', vendorStatus: 'missed' }
    : { ...base, at: endedAt, type: 'ended', role: 'system' });

  // The chat's own rating is the final one; the history says when it was given.
  const rating = csatRating(str(chat['rating']) ?? historyRating, str(chat['comment']));
  if (rating !== undefined) events.push({ ...base, at: ratedAt ?? endedAt, type: 'rated', role: 'customer', rating });

  const firstResponse = seconds(at(chat, 'response_time.first'), 'response_time.first');
  if (firstResponse !== undefined) {
    events.push({ ...base, at: startedAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'first_response_time', seconds: firstResponse, source: 'response_time.first' } });
  }
  if (duration !== undefined) {
    events.push({ ...base, at: startedAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'chat_duration', seconds: duration, source: 'duration' } });
  }
  return events;
}

/** A department change no agent took over (yet): a transfer to the department (no transferTo: not an agent). */
function departmentTransfer(base: { conversationId: string; channel: string }, change: { at: number; to?: string }): ChatEvent {
  return { ...base, at: change.at, type: 'transferred', role: 'system', ...(change.to ? { department: change.to } : {}) };
}

const adapter: Adapter = {
  id: 'zendesk-chat',
  vendor: 'Zendesk Chat (Chat Conversations API, chats with history)',
  formats: ['json', 'ndjson'],
  docs: 'https://developer.zendesk.com/api-reference/live-chat/chat-api/chats/',
  detect,
  toEvents,
};

export default adapter;
