// Zendesk Support admin "CSV export" (Admin Center → Account → Tools → Reports/Export): one row per ticket, no comments.
// Source: VENDORS.md §1a; https://support.zendesk.com/hc/en-us/articles/4408886165402 (column list, "all date and
// time values are converted to the account's default time zone", metric definitions in minutes).
//
// The file has milestones only, so:
// - the request and the customer's opening comment are at `Created at` (read in --input-tz: the account's zone, no
//   offset in the file). A ticket whose `Submitter` is not its `Requester` was opened by an agent on the customer's
//   behalf: outbound, the opening comment is the agent's and there is no request;
// - the first public agent reply is placed at Created at + `First reply time in minutes` (Zendesk's own figure: the
//   only reply time the file has; a warning says so), by the `Assignee` when the ticket never changed hands;
// - `Initially assigned at` → assigned; each extra assignee or group station (`Assignee stations`/`Group stations`
//   − 1) → a transfer at `Assigned at` (the latest assignment), to the current `Assignee`;
// - `Solved at` → resolved; `Status` (New/Open/Pending/On-hold/Solved/Closed) is the vendor status, and a ticket still
//   new/open/pending/on-hold gets that status at `Updated at` (it is open, not ended at its last milestone);
// - `Satisfaction Score` Good/Bad is a binary CSAT (Offered / Not Offered: no answer);
// - `First reply time in minutes` and `Full resolution time in minutes` are kept as vendor figures in seconds.
// `Reopens` is a count without times and is not turned into events.
import { FieldError } from '../errors.js';
import type { ChatEvent } from '../events/types.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { csatRating, num, optionalTime, requireTime } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

const FIELDS = {
  id: ['id', 'ticket id'],
  requester: ['requester'],
  requesterId: ['requester id'],
  requesterEmail: ['requester email'],
  submitter: ['submitter'],
  assignee: ['assignee'],
  group: ['group'],
  tags: ['tags'],
  status: ['status'],
  priority: ['priority'],
  via: ['via'],
  createdAt: ['created at'],
  updatedAt: ['updated at'],
  assignedAt: ['assigned at'],
  initiallyAssignedAt: ['initially assigned at'],
  solvedAt: ['solved at'],
  satisfaction: ['satisfaction score'],
  groupStations: ['group stations'],
  assigneeStations: ['assignee stations'],
  firstReplyMinutes: ['first reply time in minutes'],
  fullResolutionMinutes: ['full resolution time in minutes'],
} as const;

function detect(sample: Sample): Detection {
  if (sample.format !== 'csv') return { score: 0, reason: 'not CSV' };
  const h = sample.normalizedHeaders ?? [];
  if (h.includes('requester wait time in minutes') || h.includes('first reply time in minutes within business hours')) {
    return { score: 0.95, reason: 'headers Requester wait time in minutes / First reply time in minutes within business hours (Zendesk Support)' };
  }
  if (h.includes('first reply time in minutes') && h.includes('requester') && h.includes('via')) {
    return { score: 0.75, reason: 'headers First reply time in minutes, Requester, Via (Zendesk Support)' };
  }
  return { score: 0, reason: 'needs Requester wait time in minutes or First reply time in minutes within business hours' };
}

/** `01/05/26 09:12` (US export, two-digit year) → `01/05/2026 09:12`, which the time parser reads month first. */
export function widenYear(value: string): string {
  return value.replace(/^(\d{1,2})\/(\d{1,2})\/(\d{2})(?=\s|$)/, (_, m: string, d: string, y: string) => `${m}/${d}/20${y}`);
}

function time(row: RawRecord & { kind: 'csv' }, field: keyof typeof FIELDS, ctx: AdapterContext): number | undefined {
  const v = row.get(field);
  return optionalTime(v === undefined ? undefined : widenYear(v), ctx.columnName(field) ?? field, ctx);
}

function minutes(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = num(value);
  if (n === undefined || n < 0) throw new FieldError(field, `not a number of minutes: "${value}"`, 'BAD_NUMBER');
  return n;
}

function count(value: string | undefined): number {
  const n = num(value);
  return n === undefined || n < 0 ? 0 : Math.floor(n);
}

function toEvents(row: RawRecord, ctx: AdapterContext): ChatEvent[] {
  if (row.kind !== 'csv') return [];
  const conversationId = (row.get('id') ?? '').trim();
  if (conversationId === '') throw new FieldError('Id', 'empty: every ticket needs its id', 'MISSING_ID');
  const created = row.get('createdAt');
  const createdAt = requireTime(created === undefined ? undefined : widenYear(created), ctx.columnName('createdAt') ?? 'Created at', ctx);
  const department = row.get('group') || undefined;
  const channel = row.get('via') || undefined;
  const priority = row.get('priority')?.toLowerCase() || undefined;
  const vendorStatus = row.get('status')?.trim().toLowerCase() || undefined;
  const customerId = row.get('requesterEmail') || row.get('requesterId') || undefined;
  const tags = (row.get('tags') ?? '').split(/\s+/).filter((t) => t !== '');
  const assignee = row.get('assignee') || undefined;
  const requester = row.get('requester') || undefined;
  const submitter = row.get('submitter') || undefined;
  const isOutbound = submitter !== undefined && requester !== undefined && submitter !== requester;
  const assigneeStations = count(row.get('assigneeStations'));
  const groupStations = count(row.get('groupStations'));
  // The current assignee answered first only when nobody else ever held the ticket.
  const replier = assigneeStations <= 1 ? assignee : undefined;
  const base = { conversationId, ...(department ? { department } : {}), ...(channel ? { channel } : {}) };

  const events: ChatEvent[] = [
    {
      ...base, at: createdAt, type: 'created', role: isOutbound ? 'agent' : 'customer',
      ...(priority ? { priority } : {}), ...(customerId ? { customerId } : {}), ...(tags.length ? { tags } : {}), ...(vendorStatus ? { vendorStatus } : {}),
    },
  ];
  // The opening comment: the requester's, or on an outbound ticket the submitting agent's.
  events.push(isOutbound ? { ...base, at: createdAt, type: 'message', role: 'agent', agent: submitter } : { ...base, at: createdAt, type: 'message', role: 'customer' });

  const firstReply = minutes(row.get('firstReplyMinutes'), 'First reply time in minutes');
  if (firstReply !== undefined) {
    if (!isOutbound) {
      ctx.warn('the Zendesk CSV has no comments: first replies are placed at Created at + First reply time in minutes (the vendor figure)');
      events.push({ ...base, at: createdAt + firstReply * 60_000, type: 'message', role: 'agent', ...(replier ? { agent: replier } : {}) });
    }
    events.push({ ...base, at: createdAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'first_response_time', seconds: firstReply * 60, source: 'First reply time in minutes' } });
  }
  const fullResolution = minutes(row.get('fullResolutionMinutes'), 'Full resolution time in minutes');
  if (fullResolution !== undefined) {
    events.push({ ...base, at: createdAt, type: 'vendor_metric', role: 'system', vendorMetric: { metric: 'resolution_time', seconds: fullResolution * 60, source: 'Full resolution time in minutes' } });
  }

  const initiallyAssignedAt = time(row, 'initiallyAssignedAt', ctx);
  if (initiallyAssignedAt !== undefined) {
    events.push({ ...base, at: initiallyAssignedAt, type: 'assigned', role: 'system', ...(replier ? { agent: replier } : {}) });
  }
  const transfers = Math.max(assigneeStations, groupStations) - 1;
  const lastAssignedAt = time(row, 'assignedAt', ctx) ?? initiallyAssignedAt ?? createdAt;
  for (let i = 0; i < transfers; i++) {
    events.push({ ...base, at: lastAssignedAt, type: 'transferred', role: 'system', ...(assignee && assigneeStations > 1 ? { transferTo: assignee, agent: assignee } : {}) });
  }

  // Still being worked as of the last update: say so, or our rules would end it at its last milestone.
  if (vendorStatus !== undefined && OPEN_STATUSES.has(vendorStatus)) {
    events.push({ ...base, at: time(row, 'updatedAt', ctx) ?? createdAt, type: 'status', role: 'system', status: vendorStatus });
  }
  const solvedAt = time(row, 'solvedAt', ctx);
  if (solvedAt !== undefined) events.push({ ...base, at: solvedAt, type: 'resolved', role: 'system' });
  const rating = satisfaction(row.get('satisfaction'));
  if (rating !== undefined) {
    events.push({ ...base, at: solvedAt ?? time(row, 'updatedAt', ctx) ?? createdAt, type: 'rated', role: 'customer', rating });
  }
  return events;
}

const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold', 'on-hold']);

/** Good/Bad → binary CSAT; `Offered` and `Not Offered` are surveys without an answer. */
function satisfaction(value: string | undefined): ReturnType<typeof csatRating> {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'offered' || v === 'not offered' || v === 'unoffered') return undefined;
  return csatRating(v);
}

const adapter: Adapter = {
  id: 'zendesk-support-csv',
  vendor: 'Zendesk Support (admin CSV export)',
  formats: ['csv'],
  docs: 'https://support.zendesk.com/hc/en-us/articles/4408886165402',
  fields: FIELDS,
  requiredFields: ['id', 'createdAt'],
  detect,
  toEvents,
};

export default adapter;
