// Help Scout: Mailbox API 2.0 conversation list with embedded threads (`GET /v2/conversations?status=all&embed=threads`,
// HAL JSON `{"_embedded":{"conversations":[…]},"page":{…}}`), one record per conversation.
// Source: VENDORS.md §10; https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/ and
// https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/list/ (thread `type`, `status`, `state`,
// `createdBy.type`, `assignedTo`, `action`; v3 reports `system_user` for AI-powered users, v2 calls them `user`).
//
// - Conversation: `created` at `createdAt` by the customer, or by an agent when `createdBy.type` is `user` (outbound
//   mail: agent-initiated); customer = `primaryCustomer.email`; department = the mailbox id; channel = `type`
//   (email/chat/phone); tags; assignee named "first last". Ratings are not in this export (Help Scout's happiness
//   ratings come from the Reports API), nor is a precomputed response time. Spam conversations are skipped (warned).
// - Threads, read oldest first (the API lists newest first): `customer` → customer message; `message` → agent reply;
//   `chat` and `phone` by their `createdBy.type`; `note` → internal note; `lineitem` → no message; drafts and deleted
//   threads are skipped. A `system_user` author (v3), or a name in --bot-names, is a bot.
// - Each thread carries the conversation status it left: a change to `closed` → resolved, from closed back to
//   active/pending → reopened, to `pending` → status pending (for paused time). A new `assignedTo` user → assigned,
//   then another one → transferred. A closed conversation without any closing thread resolves at `closedAt`.
import { FieldError } from '../errors.js';
import type { ChatEvent, Role } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { at, isBotName, isRecord, jsonTime, records, str } from './common.js';
import { detectPaged, pagedEvents } from './pages.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** Where the items sit when a whole API page reaches the adapter as one record. */
const PAGES = ['_embedded.conversations'];

function detect(sample: Sample): Detection {
  return detectPaged(sample, PAGES, (first) => {
    const hasMailbox = 'mailboxId' in first && 'createdAt' in first && ('primaryCustomer' in first || 'createdBy' in first);
    if (hasMailbox) return { score: 0.95, reason: 'conversations with mailboxId, createdAt, primaryCustomer (Help Scout)' };
    return { score: 0, reason: 'needs conversations with mailboxId (Help Scout _embedded.conversations)' };
  });
}

function personName(p: unknown): string | undefined {
  const name = [str(at(p, 'first')), str(at(p, 'last'))].filter((x) => x !== undefined).join(' ');
  return name !== '' ? name : str(at(p, 'email'));
}

function authorRole(createdBy: unknown, ctx: AdapterContext): Role {
  const type = str(at(createdBy, 'type'));
  if (type === 'customer') return 'customer';
  if (type === 'system_user' || isBotName(personName(createdBy), ctx)) return 'bot';
  return 'agent';
}

function toEvents(record: RawRecord, ctx: AdapterContext): ChatEvent[] {
  return pagedEvents(record, PAGES, (r) => conversationEvents(r, ctx));
}

function conversationEvents(r: Record<string, unknown>, ctx: AdapterContext): ChatEvent[] {
  const conversationId = str(r.id);
  if (conversationId === undefined) throw new FieldError('id', 'empty: every conversation needs its id', 'MISSING_ID');
  const createdAt = jsonTime(r.createdAt, 'createdAt', ctx);
  if (createdAt === undefined) throw new FieldError('createdAt', 'empty: a conversation needs its creation time', 'MISSING_TIMESTAMP');
  const base = { conversationId };
  // Help Scout's own reports leave spam out; counted here it would read as unanswered (missed) conversations.
  if (str(r.status)?.toLowerCase() === 'spam') {
    ctx.warn('spam conversations skipped, as Help Scout reports do');
    return [];
  }

  const createdByAgent = str(at(r, 'createdBy.type')) === 'user';
  const created: ChatEvent = { ...base, at: createdAt, type: 'created', role: createdByAgent ? 'agent' : 'customer' };
  const customerId = str(at(r, 'primaryCustomer.email')) ?? str(at(r, 'primaryCustomer.id'));
  if (customerId) created.customerId = customerId;
  const mailbox = str(r.mailboxId);
  if (mailbox) created.department = mailbox;
  const channel = str(r.type);
  if (channel) created.channel = channel;
  const tags = records(r.tags).map((t) => str(t.tag)).filter((x): x is string => x !== undefined);
  if (tags.length > 0) created.tags = tags;
  const assignee = personName(r.assignee);
  if (assignee) created.agent = assignee;
  const status = str(r.status)?.toLowerCase();
  if (status === 'active' || status === 'pending') created.vendorStatus = status;
  const events: ChatEvent[] = [created];

  const threads = records(at(r, '_embedded.threads'))
    .filter((t) => t.state === undefined || t.state === 'published')
    .map((t) => ({ t, at: jsonTime(t.createdAt, 'threads.createdAt', ctx) }))
    .filter((x): x is { t: Record<string, unknown>; at: number } => x.at !== undefined)
    .sort((a, b) => a.at - b.at);
  let current: string | undefined;
  let assigned: string | undefined;
  let sawStatusEvent = false;
  for (const { t, at: time } of threads) {
    const e = threadEvent(t, conversationId, time, ctx);
    if (e) events.push(e);
    if (str(at(t, 'assignedTo.type')) !== 'team') {
      const to = personName(t.assignedTo);
      if (to !== undefined && to !== assigned) {
        events.push(assigned === undefined ? { ...base, at: time, type: 'assigned', role: 'system', agent: to } : { ...base, at: time, type: 'transferred', role: 'system', agent: to, transferTo: to });
        assigned = to;
      }
    }
    const next = str(t.status)?.toLowerCase();
    if (next === undefined || next === 'nochange' || next === current) continue;
    if (next === 'closed') events.push({ ...base, at: time, type: 'resolved', role: 'system' });
    else if (current === 'closed' && (next === 'active' || next === 'pending')) events.push({ ...base, at: time, type: 'reopened', role: 'system' });
    if (next === 'pending' || (next === 'active' && current === 'pending')) events.push({ ...base, at: time, type: 'status', role: 'system', status: next });
    sawStatusEvent ||= next === 'closed' || next === 'pending';
    current = next;
  }
  const closedAt = jsonTime(r.closedAt, 'closedAt', ctx);
  if (status === 'closed' && current !== 'closed' && closedAt !== undefined) events.push({ ...base, at: closedAt, type: 'resolved', role: 'system' });
  // Still open: keep it open (without a status event the fold would close it at its last message).
  if ((status === 'active' || status === 'pending') && !sawStatusEvent) events.push({ ...base, at: createdAt, type: 'status', role: 'system', status: 'active' });
  return events;
}

function threadEvent(t: Record<string, unknown>, conversationId: string, time: number, ctx: AdapterContext): ChatEvent | undefined {
  const type = str(t.type);
  let role: Role;
  let isInternal = false;
  switch (type) {
    case 'customer':
      role = 'customer';
      break;
    case 'message':
    case 'chat':
    case 'phone':
      role = authorRole(t.createdBy, ctx);
      break;
    case 'note':
      role = authorRole(t.createdBy, ctx) === 'bot' ? 'bot' : 'agent';
      isInternal = true;
      break;
    default:
      return undefined; // lineitem (status/assignment/workflow), forwardparent, forwardchild
  }
  const e: ChatEvent = { conversationId, at: time, type: 'message', role };
  if (role === 'agent') {
    const name = personName(t.createdBy);
    if (name) e.agent = name;
  }
  if (role === 'customer') {
    const email = str(at(t, 'createdBy.email')) ?? str(at(t, 'customer.email'));
    if (email) e.customerId = email;
  }
  if (isInternal) e.isInternal = true;
  if (ctx.options.keepText) {
    const body = str(t.body);
    if (body !== undefined) e.text = body;
  }
  return e;
}

const adapter: Adapter = {
  id: 'helpscout',
  vendor: 'Help Scout (Mailbox API 2.0 conversations with embedded threads, JSON)',
  formats: ['json', 'ndjson'],
  docs: 'https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/',
  detect,
  toEvents,
};

export default adapter;
