// LiveChat Agent Chat API (Web API v3.x) `list_archives` responses saved as JSON:
// `{"chats":[{id, users[], thread{…}}], "found_chats", "next_page_id"}`, one record per archived chat thread.
// Source: VENDORS.md §3b; https://platform.text.com/docs/messaging/agent-chat-api (list_archives) and the data
// structures reference (livechat/livechat-public-docs `src/pages/messaging/agent-chat-api/v3.5/data-structures/index.mdx`:
// thread `active`, `events`, `properties`, `queue`, `created_at` and `tags`; event `visibility` all | agents; system
// message types from https://platform.text.com/messaging/references/system-messages). The CSV export is `livechat-csv`.
//
// - One thread is one contact, so the conversation id is the thread id (a chat id can have many threads).
//   `created` at the thread's `created_at` by the customer; customer = the customer user's e-mail, else id;
//   department = `group <access.group_ids[0]>` (the file has group ids, not names); tags.
// - Authors: `author_id` looked up in `users[]`: type customer → customer, agent → agent, or a bot when its name is a
//   bot's (a LiveChat ChatBot agent; `--bot-names` for others). `visibility: "agents"` → internal note. Messages,
//   files and rich messages are messages; forms are not.
// - System messages: `agent_joined`/`agent_added` → assigned; `chat_transferred` → transferred (to `text_vars.targets`);
//   archiving types (`manual_archived_*`, `archived_*`, `routing.archived_*`) → ended. A thread still `active` stays
//   open. Rating: thread property `rating.score` (1 good, 0 bad; names UNVERIFIED in VENDORS.md, read leniently) with
//   `rating.comment`; `queue.wait_time` (seconds) is LiveChat's own queue_time.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, csatRating, isBotName, isRecord, jsonTime, num, records, str } from './common.js';
import { detectPaged, pagedEvents } from './pages.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** Where the items sit when a whole API page reaches the adapter as one record. */
const PAGES = ['chats'];

function detect(sample: Sample): Detection {
  return detectPaged(sample, PAGES, (first) => {
    const hasThreadEvents = Array.isArray(at(first, 'thread.events')) && Array.isArray(first.users);
    if (hasThreadEvents) {
      const paged = (sample.topLevelKeys ?? []).some((k) => k === 'found_chats' || k === 'next_page_id');
      return { score: paged ? 0.95 : 0.85, reason: `chats with users[] and thread.events[]${paged ? ' (found_chats / next_page_id)' : ''}` };
    }
    return { score: 0, reason: 'needs LiveChat archived chats (users[] + thread.events[])' };
  });
}

interface User {
  role: Role;
  name?: string;
  customerId?: string;
}

function userTable(chat: Record<string, unknown>, ctx: AdapterContext): Map<string, User> {
  const users = new Map<string, User>();
  for (const u of records(chat.users)) {
    const id = str(u.id);
    if (id === undefined) continue;
    const name = str(u.name);
    const type = str(u.type);
    if (type === 'customer') users.set(id, { role: 'customer', customerId: str(u.email) ?? id });
    else users.set(id, { role: type === 'bot' || u.bot === true || isBotName(name, ctx) ? 'bot' : 'agent', ...(name ? { name } : {}) });
  }
  return users;
}

const ARCHIVED = /^(manual_archived_|archived_|routing\.archived_)/;

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  return pagedEvents(record, PAGES, (chat) => chatEvents(chat, ctx));
}

function chatEvents(chat: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const thread = chat.thread;
  if (!isRecord(thread)) throw new FieldError('thread', 'missing: an archived chat has one thread', 'BAD_FIELD');
  const conversationId = str(thread.id) ?? str(chat.id);
  if (conversationId === undefined) throw new FieldError('thread.id', 'empty: every thread needs its id', 'MISSING_ID');
  const createdAt = jsonTime(thread.created_at, 'thread.created_at', ctx);
  if (createdAt === undefined) throw new FieldError('thread.created_at', 'empty: a thread needs its creation time', 'MISSING_TIMESTAMP');
  const users = userTable(chat, ctx);
  const customer = [...users.values()].find((u) => u.role === 'customer');
  const groupIds = at(thread, 'access.group_ids') ?? at(chat, 'access.group_ids');
  const group = Array.isArray(groupIds) && groupIds.length > 0 ? str(groupIds[0]) : undefined;
  const base = { conversationId, ...(group !== undefined ? { department: `group ${group}` } : {}) };

  const created: ChatEvent = { ...base, at: createdAt, type: 'created', role: 'customer' };
  if (customer?.customerId) created.customerId = customer.customerId;
  const tags = Array.isArray(thread.tags) ? thread.tags.map(str).filter((x): x is string => x !== undefined) : [];
  if (tags.length > 0) created.tags = tags;
  const events: ChatEvent[] = [created];
  if (thread.active === true) events.push({ ...base, at: createdAt, type: 'status', role: 'system', status: 'open' });

  let lastAt = createdAt;
  let archivedAt: number | undefined;
  for (const [i, e] of records(thread.events).entries()) {
    const t = jsonTime(e.created_at, `thread.events[${i}].created_at`, ctx);
    if (t === undefined) continue;
    lastAt = Math.max(lastAt, t);
    const type = str(e.type);
    if (type === 'system_message') {
      const kind = str(e.system_message_type) ?? '';
      if (kind === 'agent_joined' || kind === 'agent_added') {
        const agent = str(at(e, 'text_vars.agent')) ?? /^(.+?) (joined|was added to) the chat/.exec(str(e.text) ?? '')?.[1];
        events.push({ ...base, at: t, type: 'assigned', role: 'system', ...(agent ? { agent } : {}) });
      } else if (kind === 'chat_transferred') {
        const to = str(at(e, 'text_vars.targets')) ?? / transferred the chat to (.+)$/.exec(str(e.text) ?? '')?.[1];
        events.push({ ...base, at: t, type: 'transferred', role: 'system', ...(to ? { transferTo: to } : {}) });
      } else if (ARCHIVED.test(kind)) {
        archivedAt = t;
      }
      continue;
    }
    if (type !== 'message' && type !== 'file' && type !== 'rich_message') continue;
    const author = users.get(str(e.author_id) ?? '');
    if (author === undefined) throw new FieldError(`thread.events[${i}].author_id`, `author "${str(e.author_id) ?? ''}" is not in users[]`, 'BAD_ROLE');
    const m: ChatEvent = { ...base, at: t, type: 'message', role: author.role };
    if (author.role === 'agent' && author.name) m.agent = author.name;
    if (author.role === 'customer' && author.customerId) m.customerId = author.customerId;
    if (str(e.visibility) === 'agents') m.isInternal = true;
    if (ctx.options.keepText && typeof e.text === 'string') m.text = e.text;
    events.push(m);
  }
  if (thread.active !== true) events.push({ ...base, at: archivedAt ?? lastAt, type: 'ended', role: 'system' });

  const rating = at(thread, 'properties.rating.score') ?? at(chat, 'properties.rating.score');
  if (rating !== undefined && rating !== null) {
    const comment = str(at(thread, 'properties.rating.comment')) ?? str(at(chat, 'properties.rating.comment'));
    const score = num(rating);
    // LiveChat rates a chat good (1) or bad (0): a binary CSAT, not a 1-5 score.
    const r = score === 1 || score === 0 ? { survey: 'csat' as const, score, scaleMin: 0, scaleMax: 1, ...(comment ? { comment } : {}) } : csatRating(str(rating), comment);
    if (r) events.push({ ...base, at: archivedAt ?? lastAt, type: 'rated', role: 'customer', rating: r });
  }
  const waitSeconds = num(at(thread, 'queue.wait_time'));
  if (waitSeconds !== undefined) events.push({ ...base, at: createdAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'queue_time', seconds: waitSeconds, source: 'queue.wait_time' } });
  return events;
}

const adapter: Adapter = {
  id: 'livechat-api',
  vendor: 'LiveChat (Agent Chat API list_archives, JSON)',
  formats: ['json', 'ndjson'],
  docs: 'https://platform.text.com/docs/messaging/agent-chat-api',
  detect,
  toEvents,
};

export default adapter;
