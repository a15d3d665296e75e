// tawk.to: webhook payloads saved as they arrive (NDJSON or a JSON array): `chat:start`, `chat:end`,
// `chat:transcript_created` and `ticket:create`. tawk.to's REST API is partner-only and the dashboard's history export
// has no published layout, so the webhooks are the documented way to get chats out.
// Source: VENDORS.md §11 (tawk.to, confidence low); https://developer.tawk.to/webhooks/ (events; start/end payloads
// `{event, chatId, time, message {text, type, sender {type: visitor|agent|system}}, visitor, property {id, name}}`);
// https://help.tawk.to/article/how-to-send-chat-transcripts-via-webhooks (transcript sent ~3 min after the visitor
// leaves: `chat {id, visitor, messages [{sender {t: v|a|s, n}, type: msg|file|webrtc-call, msg, time}]}`, as in the
// sample payload the developer portal publishes and public receivers parse).
//
// - `chat:start` → created, by the visitor (the request) or by an agent (proactive chat). tawk.to sends it with the
//   first visitor or agent message, so a trigger's greeting written before it is no request.
// - `chat:transcript_created` → the messages: sender `v` → customer, `a` → agent (named by `n`), `s` → bot when named
//   (triggers and shortcuts greeting the visitor, "Customer Support" in the published sample); unnamed `s` lines are
//   notices: "X joined the chat" → assigned, "… transferred the chat to Y" → transferred, others skipped (wording
//   UNVERIFIED). Customer = visitor e-mail, else visitor name; department = the property (one site or brand); channel
//   `chat`.
// - `chat:end` → ended. `ticket:create` (the offline form while no agent is online) → a missed conversation keyed
//   `ticket:<id>`: created, the customer's message, missed (vendor status `offline`).
// Not in these payloads (so not mapped): ratings, departments inside a property.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, isRecord, jsonTime, records, str } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

const EVENTS = new Set(['chat:start', 'chat:end', 'chat:transcript_created', 'ticket:create']);
const SENDERS: Record<string, Role> = { v: 'customer', visitor: 'customer', a: 'agent', agent: 'agent', s: 'bot', system: 'bot' };

function detect(sample: Sample): Detection {
  if (sample.format === 'csv') return { score: 0, reason: 'not JSON' };
  const first = sample.records[0];
  if (!isRecord(first)) return { score: 0, reason: 'no JSON object records' };
  if (EVENTS.has(str(first.event) ?? '') && isRecord(first.property) && 'id' in first.property) {
    return { score: 0.95, reason: 'webhook payloads with event chat:*/ticket:create and property.id (tawk.to)' };
  }
  return { score: 0, reason: 'needs tawk.to webhook payloads (event chat:start/chat:transcript_created… + property.id)' };
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (record.kind !== 'json') return [];
  const r = record.value;
  if (!isRecord(r)) return [];
  const event = str(r.event);
  const department = str(at(r, 'property.name')) ?? str(at(r, 'property.id'));
  const visitor = isRecord(r.chat) ? r.chat.visitor : r.visitor;
  const customerId = str(at(visitor, 'email')) ?? str(at(visitor, 'name'));
  const time = (value: unknown, field: string): number => {
    const t = jsonTime(value, field, ctx);
    if (t === undefined) throw new FieldError(field, 'empty: a timestamp is required', 'MISSING_TIMESTAMP');
    return t;
  };
  const common = { ...(department ? { department } : {}), channel: 'chat' };

  switch (event) {
    case 'chat:start': {
      const conversationId = chatId(r.chatId);
      const sender = SENDERS[str(at(r, 'message.sender.type')) ?? 'visitor'] ?? 'customer';
      return [{ conversationId, ...common, at: time(r.time, 'time'), type: 'created', role: sender === 'customer' ? 'customer' : 'agent', ...(customerId ? { customerId } : {}) }];
    }
    case 'chat:end':
      return [{ conversationId: chatId(r.chatId), ...common, at: time(r.time, 'time'), type: 'ended', role: 'system' }];
    case 'chat:transcript_created': {
      const conversationId = chatId(at(r, 'chat.id') ?? r.chatId);
      return records(at(r, 'chat.messages')).flatMap((m, i): ChatEvent[] => {
        const t = str(at(m, 'sender.t')) ?? '';
        const role = SENDERS[t];
        if (role === undefined) throw new FieldError(`chat.messages[${i}].sender.t`, `unknown sender "${t}" (expected v, a or s)`, 'BAD_ROLE');
        const when = time(m.time, `chat.messages[${i}].time`);
        const name = str(at(m, 'sender.n'));
        const text = str(m.msg);
        if (role === 'bot') {
          const notice = systemNotice(conversationId, when, text);
          if (notice !== undefined) return notice;
          if (name === undefined) return []; // an unnamed system line that is none of the above: no message to anyone
        }
        const e: ChatEvent = { conversationId, ...common, at: when, type: 'message', role };
        if (role === 'agent' && name) e.agent = name;
        if (role === 'customer' && customerId) e.customerId = customerId;
        if (ctx.options.keepText && text !== undefined) e.text = text;
        return [e];
      });
    }
    case 'ticket:create': {
      const id = str(at(r, 'ticket.id'));
      if (id === undefined) throw new FieldError('ticket.id', 'empty: every ticket needs its id', 'MISSING_ID');
      const conversationId = `ticket:${id}`;
      const at0 = time(r.time, 'time');
      const requester = str(at(r, 'requester.email')) ?? str(at(r, 'requester.name'));
      const who = requester ? { customerId: requester } : {};
      const message: ChatEvent = { conversationId, ...common, at: at0, type: 'message', role: 'customer', ...who };
      const text = str(at(r, 'ticket.message'));
      if (ctx.options.keepText && text !== undefined) message.text = text;
      return [
        { conversationId, ...common, at: at0, type: 'created', role: 'customer', ...who },
        message,
        { conversationId, ...common, at: at0, type: 'missed', role: 'system', vendorStatus: 'offline' },
      ];
    }
    default:
      return []; // a webhook event added later: nothing we know to read
  }
}

/**
 * System lines of a transcript that are notices, not greetings (UNVERIFIED wording, English UI): "Luis joined the
 * chat" → assigned, "… transferred the chat to Marta" → transferred, "… left the chat" → nothing. undefined: not a notice.
 */
function systemNotice(conversationId: string, at: number, text: string | undefined): ChatEvent[] | undefined {
  if (text === undefined) return undefined;
  const joined = /^(.+?) (?:has )?joined the (?:chat|conversation)\.?$/i.exec(text);
  if (joined) return [{ conversationId, at, type: 'assigned', role: 'system', agent: joined[1]! }];
  const transferred = /transferred the (?:chat|conversation) to (.+?)\.?$/i.exec(text);
  if (transferred) return [{ conversationId, at, type: 'transferred', role: 'system', transferTo: transferred[1]! }];
  if (/^(.+?) (?:has )?left the (?:chat|conversation)\.?$/i.test(text)) return [];
  return undefined;
}

function chatId(value: unknown): string {
  const id = str(value);
  if (id === undefined) throw new FieldError('chatId', 'empty: every chat event needs its chat id', 'MISSING_ID');
  return id;
}

const adapter: Adapter = {
  id: 'tawk-to',
  vendor: 'tawk.to (webhook payloads: chat start/end, transcripts, offline tickets)',
  formats: ['json', 'ndjson'],
  docs: 'https://developer.tawk.to/webhooks/',
  detect,
  toEvents,
};

export default adapter;
