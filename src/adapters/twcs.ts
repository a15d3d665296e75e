// "Customer Support on Twitter" (twcs.csv, Thought Vector, Kaggle 2017): one row per tweet, threaded by reply ids.
// Source: VENDORS.md §12 and /work/shared/real/README.md (columns `tweet_id, author_id, inbound, created_at, text,
// response_tweet_id, in_response_to_tweet_id`; created_at like `Tue Oct 31 22:10:47 +0000 2017`, always UTC);
// https://www.kaggle.com/datasets/thoughtvector/customer-support-on-twitter.
//
// Roles: `inbound` True = customer (author_id is an anonymized number, the customer id), False = a company's support
// account (author_id is its screen name: both the agent and the department, since the data set has no agent names).
//
// Threads: a tweet with an empty `in_response_to_tweet_id` starts a conversation; every tweet reachable from it
// through `in_response_to_tweet_id` belongs to it (a tree: replies branch). The conversation id is the root's tweet
// id. Rows are not in time order and a reply often comes before the tweet it answers, so one streaming pass cannot
// always name the root when a row arrives:
// - `rootOf` (tweet id → root id, numbers where the ids are numeric, so 2.8 M tweets stay compact) is kept for every
//   tweet whose root is known; a row whose parent is known is emitted at once;
// - a row whose parent has not been seen waits in `waiting` (parent id → its built events); when the parent gets its
//   root, the waiting replies (and theirs, recursively) are emitted with that root;
// - after the last row, `finish` handles what still waits: replies to a tweet that is not in the file (cut threads of
//   a partial extract). The first tweet present becomes the thread's root, so no row vanishes; a warning counts them.
// The side tables live in ctx.state, shared by the files of one run: a thread split over two files joins, but a
// reply whose parent is in a later file is rooted at itself when the earlier file finishes.
import { FieldError } from '../errors.js';
import type { ChatEvent } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { requireTime } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

const FIELDS = {
  id: 'tweet_id',
  author: 'author_id',
  inbound: 'inbound',
  at: 'created_at',
  text: 'text',
  parent: 'in_response_to_tweet_id',
} as const;

const HEADER = ['tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'response_tweet_id', 'in_response_to_tweet_id'];

function detect(sample: Sample): Detection {
  if (sample.format !== 'csv') return { score: 0, reason: 'not CSV' };
  const h = sample.normalizedHeaders ?? [];
  if (HEADER.every((c) => h.includes(c))) return { score: 0.95, reason: 'headers tweet_id, inbound, in_response_to_tweet_id (twcs)' };
  if (h.includes('tweet_id') && h.includes('inbound') && h.includes('in_response_to_tweet_id')) {
    return { score: 0.8, reason: 'headers tweet_id, inbound, in_response_to_tweet_id (twcs, some columns missing)' };
  }
  return { score: 0, reason: 'needs tweet_id, inbound and in_response_to_tweet_id' };
}

/** Numeric ids as numbers (compact map keys), anything else as the string. */
type Key = number | string;

interface Waiting {
  id: Key;
  /** Built without their conversation id, set when the root is known. */
  events: ChatEvent[];
}

interface ThreadState {
  rootOf: Map<Key, Key>;
  waiting: Map<Key, Waiting[]>;
}

const STATE_KEY = 'twcs.threads';

function threadState(ctx: AdapterContext): ThreadState {
  let s = ctx.state.get(STATE_KEY) as ThreadState | undefined;
  if (s === undefined) {
    s = { rootOf: new Map(), waiting: new Map() };
    ctx.state.set(STATE_KEY, s);
  }
  return s;
}

/** `3`, `3.0` (a pandas re-save writes parent ids as floats) → 3; other ids stay strings. */
export function tweetKey(raw: string): Key {
  const v = raw.trim().replace(/\.0+$/, '');
  return /^\d{1,15}$/.test(v) ? Number(v) : v;
}

function parseInbound(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new FieldError('inbound', `not True/False: "${value ?? ''}"`, 'BAD_FIELD');
}

function toEvents(row: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (row.kind !== 'csv') return [];
  const idText = row.get('id') ?? '';
  if (idText.trim() === '') throw new FieldError('tweet_id', 'empty: every tweet needs its id', 'MISSING_ID');
  const author = row.get('author') ?? '';
  if (author === '') throw new FieldError('author_id', 'empty: every tweet needs its author', 'BAD_FIELD');
  const isCustomer = parseInbound(row.get('inbound'));
  const at = requireTime(row.get('at'), 'created_at', ctx);
  const event: ChatEvent = isCustomer
    ? { conversationId: '', at, type: 'message', role: 'customer', channel: 'twitter', customerId: author }
    : { conversationId: '', at, type: 'message', role: 'agent', channel: 'twitter', agent: author, department: author };
  if (ctx.options.keepText) {
    const text = row.get('text');
    if (text !== undefined) event.text = text;
  }

  const id = tweetKey(idText);
  const parentText = row.get('parent') ?? '';
  const s = threadState(ctx);
  if (parentText.trim() === '') return resolve(s, id, id, [event]);
  const parent = tweetKey(parentText);
  const root = s.rootOf.get(parent);
  if (root !== undefined) return resolve(s, id, root, [event]);
  const list = s.waiting.get(parent);
  if (list === undefined) s.waiting.set(parent, [{ id, events: [event] }]);
  else list.push({ id, events: [event] });
  return [];
}

/** Gives `id` its root and emits its events, then those of every reply that waited for it (iteratively: deep threads). */
function resolve(s: ThreadState, id: Key, root: Key, events: ChatEvent[]): ChatEvent[] {
  const conversationId = String(root);
  const out: ChatEvent[] = [];
  const stack: Waiting[] = [{ id, events }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    s.rootOf.set(next.id, root);
    for (const e of next.events) {
      e.conversationId = conversationId;
      out.push(e);
    }
    const replies = s.waiting.get(next.id);
    if (replies !== undefined) {
      s.waiting.delete(next.id);
      // A reply already rooted is only possible in a cycle of replies: it was emitted once, never twice.
      for (const r of replies) if (!s.rootOf.has(r.id)) stack.push(r);
    }
  }
  return out;
}

/**
 * After the last row: replies still waiting answer a tweet that is not in the file. Each reply to a missing tweet
 * starts its own thread (the first tweet present), and its own replies follow it.
 */
function finish(ctx: AdapterContext): ChatEvent[] {
  const s = threadState(ctx);
  const waitingIds = new Set<Key>();
  for (const list of s.waiting.values()) for (const w of list) waitingIds.add(w.id);
  const out: ChatEvent[] = [];
  for (const [parent, list] of [...s.waiting]) {
    if (waitingIds.has(parent) || !s.waiting.has(parent)) continue;
    s.waiting.delete(parent);
    for (const w of list) {
      ctx.warn('replies to a tweet not in the file: each starts its own conversation');
      out.push(...resolve(s, w.id, w.id, w.events));
    }
  }
  // Only a cycle of replies (not seen in the data set) is left: root each at itself rather than drop it.
  for (const list of [...s.waiting.values()]) {
    for (const w of list) {
      if (s.rootOf.has(w.id)) continue;
      ctx.warn('tweets replying to each other in a cycle: each starts its own conversation');
      out.push(...resolve(s, w.id, w.id, w.events));
    }
  }
  s.waiting.clear();
  return out;
}

const adapter: Adapter = {
  id: 'twcs',
  vendor: 'Customer Support on Twitter (twcs.csv, Kaggle)',
  formats: ['csv'],
  docs: 'https://www.kaggle.com/datasets/thoughtvector/customer-support-on-twitter',
  fields: FIELDS,
  requiredFields: ['id', 'inbound', 'at', 'parent'],
  detect,
  toEvents,
  finish,
};

export default adapter;
