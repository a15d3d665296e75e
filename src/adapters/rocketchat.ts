// Rocket.Chat Omnichannel (livechat): rooms from `GET /api/v1/livechat/rooms` and their messages, from the REST API
// (`{"messages":[…]}`) or a mongoexport of `rocketchat_message` (one document per line, dates as {"$date": …}).
// Source: VENDORS.md §9 (room fields and `metrics.*` read from the Rocket.Chat server's livechat analytics code, which
// sets metrics.response.ft/fd, metrics.reaction.ft and chatDuration in seconds);
// https://developer.rocket.chat/reference/api/rest-api/endpoints/omnichannel/livechat-endpoints.
//
// Room (`t: "l"`): `created` at `ts` (the visitor's request; customer id = visitor `v._id`), department = `departmentId`
// (an id: the export has no department names), channel = `source.type`, tags; `servedBy` → assigned at `servedBy.ts`;
// `open: true` → still open; `closedAt` → resolved, or, never served, a missed chat; `surveyFeedback.satisfaction` →
// CSAT 1-5; `metrics.response.ft` and `chatDuration` are Rocket.Chat's own first_response_time and chat_duration.
// Rocket.Chat's first response counts a bot agent's reply; ours does not (`--count-bots` does), so they can differ.
// Messages (room id `rid`): `t` set → a system message: `uj` (an agent joined) → assigned, `livechat_transfer_history`
// → transferred (to `transferData.transferredTo` or the next department), `livechat-close` → ended, on-hold and resumed
// → status; other system types are skipped. Without `t`: a `token` means the visitor wrote (customer), a `bot` field a
// bot, anyone else is an agent (named by username, as `servedBy` is). Livechat has no internal notes.
import { FieldError } from '../errors.js';
import type { ChatEvent } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, isRecord, jsonTime, num, str } from './common.js';
import { detectPaged, pagedEvents } from './pages.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

const isRoom = (r: Record<string, unknown>): boolean => r.t === 'l' && isRecord(r.v);
const isMessage = (r: Record<string, unknown>): boolean => typeof r.rid === 'string' && isRecord(r.u) && 'ts' in r && 'msg' in r;

/** Where the items sit when a whole API page reaches the adapter as one record. */
const PAGES = ['rooms', 'messages'];

function detect(sample: Sample): Detection {
  return detectPaged(sample, PAGES, (first) => {
    if (isRoom(first)) return { score: 0.95, reason: 'livechat rooms (t "l" with visitor v)' };
    if (isMessage(first)) return { score: 0.85, reason: 'messages with rid, u, ts, msg' };
    return { score: 0, reason: 'needs livechat rooms (t "l" + v) or messages (rid + u + msg)' };
  });
}

/** ISO string, epoch, or mongoexport's {"$date": "…"} / {"$date": {"$numberLong": "…"}}. */
function mongoTime(value: unknown, field: string, ctx: AdapterContext): number | undefined {
  if (isRecord(value) && '$date' in value) {
    const d = value.$date;
    return jsonTime(isRecord(d) ? num(d.$numberLong) : d, field, ctx);
  }
  return jsonTime(value, field, ctx);
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  return pagedEvents(record, PAGES, (r) => {
    if (isRoom(r)) return roomEvents(r, ctx);
    if (isMessage(r)) return messageEvents(r, ctx);
    throw new FieldError('t', 'neither a livechat room nor a message', 'BAD_FIELD');
  });
}

function roomEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = str(r._id);
  if (conversationId === undefined) throw new FieldError('_id', 'empty: every room needs its id', 'MISSING_ID');
  const ts = mongoTime(r.ts, 'ts', ctx);
  if (ts === undefined) throw new FieldError('ts', 'empty: a room needs its creation time', 'MISSING_TIMESTAMP');
  const base = { conversationId };
  const created: ChatEvent = { ...base, at: ts, type: 'created', role: 'customer' };
  const visitor = str(at(r, 'v._id')) ?? str(at(r, 'v.username'));
  if (visitor) created.customerId = visitor;
  const department = str(r.departmentId);
  if (department) created.department = department;
  const channel = str(at(r, 'source.type'));
  if (channel) created.channel = channel;
  const tags = Array.isArray(r.tags) ? r.tags.map(str).filter((x): x is string => x !== undefined) : [];
  if (tags.length > 0) created.tags = tags;
  const isOpen = r.open === true;
  if (isOpen) created.vendorStatus = 'open';
  const events: ChatEvent[] = [created];
  // A status event says the room is still open (no status event would read as closed at its last message).
  if (isOpen) events.push({ ...base, at: ts, type: 'status', role: 'system', status: 'open' });

  const agent = str(at(r, 'servedBy.username'));
  const servedAt = mongoTime(at(r, 'servedBy.ts'), 'servedBy.ts', ctx);
  if (agent) events.push({ ...base, at: servedAt ?? ts, type: 'assigned', role: 'system', agent });
  const closedAt = mongoTime(r.closedAt, 'closedAt', ctx);
  if (closedAt !== undefined && !isOpen) {
    // Never served and closed: nobody took the chat (Rocket.Chat's abandoned/unanswered room).
    events.push(agent ? { ...base, at: closedAt, type: 'resolved', role: 'system' } : { ...base, at: closedAt, type: 'missed', role: 'system', vendorStatus: 'missed' });
  }
  const satisfaction = satisfactionScore(r.surveyFeedback);
  if (satisfaction !== undefined) {
    events.push({ ...base, at: closedAt ?? ts, type: 'rated', role: 'customer', rating: { survey: 'csat', score: satisfaction, scaleMin: 1, scaleMax: 5 } });
  }
  const ft = num(at(r, 'metrics.response.ft'));
  if (ft !== undefined) events.push({ ...base, at: ts, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'first_response_time', seconds: ft, source: 'metrics.response.ft' } });
  const duration = num(at(r, 'metrics.chatDuration'));
  if (duration !== undefined) events.push({ ...base, at: ts, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'chat_duration', seconds: duration, source: 'metrics.chatDuration' } });
  return events;
}

/** `{"satisfaction": "5", …}`, or a list of `{name, value}` answers; 1-5. */
function satisfactionScore(feedback: unknown): number | undefined {
  let value: unknown;
  if (Array.isArray(feedback)) value = feedback.find((x) => isRecord(x) && x.name === 'satisfaction')?.value as unknown;
  else if (isRecord(feedback)) value = feedback.satisfaction;
  const score = num(value);
  if (value !== undefined && value !== '' && score === undefined) throw new FieldError('surveyFeedback.satisfaction', `not a 1-5 score: ${JSON.stringify(value)}`, 'BAD_RATING');
  return score;
}

function messageEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = str(r.rid)!;
  const t = mongoTime(r.ts, 'ts', ctx);
  if (t === undefined) throw new FieldError('ts', 'empty: a message needs its time', 'MISSING_TIMESTAMP');
  const base = { conversationId, at: t };
  const username = str(at(r, 'u.username'));
  const systemType = str(r.t);
  if (systemType !== undefined) {
    switch (systemType) {
      case 'uj':
        return username ? [{ ...base, type: 'assigned', role: 'system', agent: username }] : [];
      case 'livechat_transfer_history': {
        const to = str(at(r, 'transferData.transferredTo.username')) ?? str(at(r, 'transferData.nextDepartment.name')) ?? str(at(r, 'transferData.nextDepartment._id'));
        const e: ChatEvent = { ...base, type: 'transferred', role: 'system' };
        if (to) e.transferTo = to;
        const toAgent = str(at(r, 'transferData.transferredTo.username'));
        if (toAgent) e.agent = toAgent;
        return [e];
      }
      case 'livechat-close':
        return [{ ...base, type: 'ended', role: 'system' }];
      case 'omnichannel_placed_chat_on_hold':
        return [{ ...base, type: 'status', role: 'system', status: 'on-hold' }];
      case 'omnichannel_on_hold_chat_resumed':
        return [{ ...base, type: 'status', role: 'system', status: 'open' }];
      default:
        return [];
    }
  }
  const text = ctx.options.keepText ? str(r.msg) : undefined;
  const e: ChatEvent =
    'token' in r && r.token !== undefined && r.token !== null
      ? { ...base, type: 'message', role: 'customer' }
      : isRecord(r.bot) || r.bot === true
        ? { ...base, type: 'message', role: 'bot' }
        : { ...base, type: 'message', role: 'agent', ...(username ? { agent: username } : {}) };
  if (text !== undefined) e.text = text;
  return [e];
}

const adapter: Adapter = {
  id: 'rocketchat',
  vendor: 'Rocket.Chat Omnichannel (livechat rooms and messages, JSON)',
  formats: ['json', 'ndjson'],
  docs: 'https://developer.rocket.chat/reference/api/rest-api/endpoints/omnichannel/livechat-endpoints',
  detect,
  toEvents,
};

export default adapter;
