// Freshchat API v2 dumps: messages (`GET /v2/conversations/{id}/messages` pages, `{"messages":[...], "link"}`, each
// message carrying its `conversation_id`) and, optionally, the conversations themselves (`GET /v2/conversations/{id}`
// objects saved as an array) for status, assignee and group. They join by conversation id in one run.
// Source: VENDORS.md §6 (confidence low-medium); https://developers.freshchat.com/api/ ; the Message schema of the
// public Freshworks OpenAPI description (api-evangelist/freshworks json-schema/freshworks-message-schema.json:
// `message_type` normal | private | system, `actor_type`, `actor_id`, `message_parts[].text.content`, `created_time`).
//
// Roles from `actor_type`: user → customer, agent → agent (named by `actor_id`: messages carry no agent names),
// bot → bot, system → system. `message_type: "private"` is an internal note; `system` messages are system events.
// Conversation objects give `created` at `created_time`, the group (`assigned_group_id`) as department and the vendor
// status: new and resolved as written, assigned and reopened read as open (both mean the chat is still being
// worked), and an open one gets that status at `updated_time`. `assigned_agent_id` names the agent of a conversation no agent wrote in (no `assigned` event: the
// object does not say when it was assigned). Conversations opened by an agent (outbound templates) cannot be told
// from the object and read as customer requests. The API objects carry no resolution time, CSAT or transfer history
// (those are in the raw reports, whose CSV columns are not documented), so resolution_time and CSAT are unavailable
// from these files rather than guessed.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { isBotName, isRecord, jsonTime, records, str } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** JSON paths read from each kind of record (for `inspect`; toEvents reads them below). */
export const FIELDS = {
  message: { conversation: 'conversation_id', at: 'created_time', actorType: 'actor_type', actorId: 'actor_id', messageType: 'message_type', text: 'message_parts[].text.content' },
  conversation: { id: 'conversation_id', createdAt: 'created_time', status: 'status', agent: 'assigned_agent_id', group: 'assigned_group_id', channel: 'channel_id' },
} as const;

type Kind = 'message' | 'conversation';

const STATUSES = new Set(['new', 'assigned', 'resolved', 'reopened']);

export function kindOf(value: unknown): Kind | undefined {
  if (!isRecord(value)) return undefined;
  if ('actor_type' in value && Array.isArray(value['message_parts']) && 'conversation_id' in value) return 'message';
  if ('conversation_id' in value && typeof value['status'] === 'string' && STATUSES.has(value['status']) && ('assigned_agent_id' in value || 'app_id' in value)) return 'conversation';
  return undefined;
}

function detect(sample: Sample): Detection {
  if (sample.format === 'csv') return { score: 0, reason: 'not JSON' };
  switch (kindOf(sample.records[0])) {
    case 'message':
      return sample.wrapperKey === 'messages'
        ? { score: 0.95, reason: 'messages[] with actor_type + message_parts (Freshchat)' }
        : { score: 0.9, reason: 'messages with actor_type + message_parts (Freshchat)' };
    case 'conversation':
      return { score: 0.8, reason: 'conversations with conversation_id + status new/assigned/resolved/reopened (Freshchat)' };
    default:
      return { score: 0, reason: 'needs messages with actor_type + message_parts + conversation_id' };
  }
}

/** `user` → customer, `agent` → agent, `bot` → bot, `system` → system. */
export function roleOfActor(actorType: string | undefined): Role {
  switch (actorType) {
    case 'user':
      return 'customer';
    case 'agent':
      return 'agent';
    case 'bot':
      return 'bot';
    default:
      return 'system';
  }
}

function requireJsonTime(value: unknown, field: string, ctx: AdapterContext): number {
  const t = jsonTime(value, field, ctx);
  if (t === undefined) throw new FieldError(field, 'empty, a timestamp is required', 'MISSING_TIMESTAMP');
  return t;
}

function requireId(value: unknown, field: string): string {
  const id = str(value);
  if (id === undefined) throw new FieldError(field, 'empty: every record needs its conversation id', 'MISSING_ID');
  return id;
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (record.kind !== 'json') return [];
  const value = record.value;
  switch (kindOf(value)) {
    case 'message':
      return [messageEvent(value as Record<string, unknown>, ctx)];
    case 'conversation':
      return conversationEvents(value as Record<string, unknown>, ctx);
    default:
      throw new FieldError('record', 'not a Freshchat message or conversation', 'BAD_RECORD');
  }
}

function messageEvent(m: Record<string, unknown>, ctx: AdapterContext): ChatEvent {
  const conversationId = requireId(m['conversation_id'], 'conversation_id');
  const when = requireJsonTime(m['created_time'], 'created_time', ctx);
  const messageType = str(m['message_type']);
  const actor = str(m['actor_id']);
  let role = messageType === 'system' ? 'system' : roleOfActor(str(m['actor_type']));
  if (role === 'agent' && isBotName(actor, ctx)) role = 'bot';
  const event: ChatEvent = { conversationId, at: when, type: 'message', role, channel: 'chat', ...(role === 'agent' && actor ? { agent: actor } : {}) };
  if (messageType === 'private') event.isInternal = true;
  if (ctx.options.keepText) {
    const text = records(m['message_parts'])
      .map((p) => str((p['text'] as Record<string, unknown> | undefined)?.['content']))
      .filter((t): t is string => t !== undefined)
      .join('\n');
    if (text !== '') event.text = text;
  }
  return event;
}

const VENDOR_STATUS: Record<string, string> = { new: 'new', assigned: 'open', reopened: 'open', resolved: 'resolved' };

function conversationEvents(c: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = requireId(c['conversation_id'], 'conversation_id');
  const createdAt = requireJsonTime(c['created_time'], 'created_time', ctx);
  const status = str(c['status']);
  const vendorStatus = status === undefined ? undefined : VENDOR_STATUS[status] ?? status;
  const department = str(c['assigned_group_id']);
  const agent = str(c['assigned_agent_id']);
  // The agent is a name only: the fold prefers the first responder, so it shows where no agent wrote.
  const events: ChatEvent[] = [
    {
      conversationId, at: createdAt, type: 'created', role: 'customer', channel: 'chat',
      ...(department ? { department } : {}), ...(agent ? { agent } : {}), ...(vendorStatus ? { vendorStatus } : {}),
    },
  ];
  // Still being worked as of the last update: say so, or our rules would end it at its last message.
  if (vendorStatus === 'new' || vendorStatus === 'open') {
    events.push({ conversationId, at: jsonTime(c['updated_time'], 'updated_time', ctx) ?? createdAt, type: 'status', role: 'system', status: vendorStatus });
  }
  return events;
}

const adapter: Adapter = {
  id: 'freshchat',
  vendor: 'Freshchat (API v2 messages and conversations)',
  formats: ['json', 'ndjson'],
  docs: 'https://developers.freshchat.com/api/',
  detect,
  toEvents,
};

export default adapter;
