// Crisp: REST API v1 pages saved as JSON: the conversation list (`GET /v1/website/{website_id}/conversations/{page}`)
// and each conversation's messages (`GET /v1/website/{website_id}/conversation/{session_id}/messages`), both
// `{"error":false,"reason":…,"data":[…]}`, joined by `session_id`.
// Source: VENDORS.md §11 (Crisp; conversation fields confirmed in the official Node client's typings, npm `crisp-api`
// `lib/resources/WebsiteConversation.ts`); https://docs.crisp.chat/references/rest-api/v1/. Times are epoch ms.
//
// - Conversation: `created` at `created_at` (the visitor's request); customer = `meta.email`, else the contact profile
//   (`people_id`), else the session id;
//   department = `inbox_id` when the website uses inboxes; tags = `meta.segments`. `state` pending/unresolved → still
//   open; `resolved` is left to the messages (its time is only in the `state:resolved` event).
// - Messages: `from: "user"` → customer (channel = `origin`: chat, email, or an integration's urn); `from: "operator"`
//   → agent named by `user.nickname`, or a bot when its origin is a bot urn (`urn:crisp.im:bot:…`) or the nickname is a
//   bot's (--bot-names); `type: "note"` → internal note; `type: "event"` with content namespace `state:resolved` →
//   resolved, `state:unresolved`/`state:pending` → open again (a reopen after a resolve). Other events are skipped.
// Not in these pages (so not mapped): assignment times (`assigned` holds only a user id), ratings.
import { FieldError } from '../errors.js';
import type { ChatEvent } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, isBotName, isRecord, jsonTime, str } from './common.js';
import { detectPaged, pagedEvents } from './pages.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

const isMessage = (r: Record<string, unknown>): boolean => typeof r.session_id === 'string' && 'fingerprint' in r && 'from' in r;
const isConversation = (r: Record<string, unknown>): boolean => typeof r.session_id === 'string' && 'website_id' in r && 'state' in r && 'created_at' in r;

/** Where the items sit when a whole API page reaches the adapter as one record. */
const PAGES = ['data'];

function detect(sample: Sample): Detection {
  return detectPaged(sample, PAGES, (first) => {
    if (isMessage(first)) return { score: 0.9, reason: 'messages with session_id, fingerprint, from (Crisp)' };
    if (isConversation(first)) return { score: 0.9, reason: 'conversations with session_id, website_id, state (Crisp)' };
    return { score: 0, reason: 'needs Crisp conversations (session_id + state) or messages (session_id + fingerprint + from)' };
  });
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  return pagedEvents(record, PAGES, (r) => {
    if (isMessage(r)) return messageEvents(r, ctx);
    if (isConversation(r)) return conversationEvents(r, ctx);
    throw new FieldError('session_id', 'neither a Crisp conversation nor a message', 'BAD_FIELD');
  });
}

function required(value: unknown, field: string, ctx: AdapterContext): number {
  const t = jsonTime(value, field, ctx);
  if (t === undefined) throw new FieldError(field, 'empty: a timestamp is required', 'MISSING_TIMESTAMP');
  return t;
}

function conversationEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = str(r.session_id)!;
  const createdAt = required(r.created_at, 'created_at', ctx);
  const created: ChatEvent = { conversationId, at: createdAt, type: 'created', role: 'customer', customerId: str(at(r, 'meta.email')) ?? str(r.people_id) ?? conversationId };
  const inbox = str(r.inbox_id);
  if (inbox) created.department = inbox;
  const segments = Array.isArray(at(r, 'meta.segments')) ? (at(r, 'meta.segments') as unknown[]).map(str).filter((x): x is string => x !== undefined) : [];
  if (segments.length > 0) created.tags = segments;
  const state = str(r.state)?.toLowerCase();
  if (state === 'pending' || state === 'unresolved') {
    created.vendorStatus = state;
    // Still open: a status event keeps it open (without one the fold closes a conversation at its last message).
    return [created, { conversationId, at: createdAt, type: 'status', role: 'system', status: 'open' }];
  }
  return [created];
}

function messageEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = str(r.session_id)!;
  const t = required(r.timestamp, 'timestamp', ctx);
  const base = { conversationId, at: t };
  const type = str(r.type) ?? 'text';
  const from = str(r.from);
  const origin = str(r.origin) ?? '';
  if (type === 'event') {
    const namespace = str(at(r, 'content.namespace'));
    if (namespace === 'state:resolved') return [{ ...base, type: 'resolved', role: 'system' }];
    if (namespace === 'state:unresolved' || namespace === 'state:pending') return [{ ...base, type: 'status', role: 'system', status: 'open' }];
    return [];
  }
  let e: ChatEvent;
  if (from === 'user') {
    e = { ...base, type: 'message', role: 'customer', ...(origin ? { channel: origin } : {}) };
  } else if (from === 'operator') {
    const nickname = str(at(r, 'user.nickname'));
    const isBot = /^urn:.*bot/i.test(origin) || isBotName(nickname, ctx);
    e = isBot ? { ...base, type: 'message', role: 'bot' } : { ...base, type: 'message', role: 'agent', ...(nickname ? { agent: nickname } : {}) };
  } else {
    throw new FieldError('from', `unknown sender "${from ?? ''}" (expected user or operator)`, 'BAD_ROLE');
  }
  if (type === 'note') e.isInternal = true;
  if (ctx.options.keepText && typeof r.content === 'string') e.text = r.content;
  return [e];
}

const adapter: Adapter = {
  id: 'crisp',
  vendor: 'Crisp (REST API v1 conversation list and message pages, JSON)',
  formats: ['json', 'ndjson'],
  docs: 'https://docs.crisp.chat/references/rest-api/v1/',
  detect,
  toEvents,
};

export default adapter;
