// Fold one conversation's events (any order) into its record, by METRICS.md's rules.
import type { ChatEvent, Rating, Survey, VendorMetric } from '../events/types.js';
import type { Conversation, ConversationStatus, StatusChange } from './types.js';

export interface FoldOptions {
  /** Bot replies end a wait and count as the first response (`--count-bots`). */
  countBots: boolean;
  /** Keep public message texts for the text metrics. */
  keepText: boolean;
}

const OPEN_STATUSES = new Set(['open', 'new', 'pending', 'hold', 'on-hold', 'on hold', 'waiting', 'queued', 'active', 'snoozed']);
const RESOLVED_STATUSES = new Set(['resolved', 'solved', 'closed', 'ended', 'archived', 'completed', 'done', 'answered']);
const MISSED_STATUSES = new Set(['missed', 'unanswered', 'abandoned', 'dropped', 'offline', 'blocked']);

/** Vendor status words → our three statuses; unknown words give no opinion. */
export function normalizeVendorStatus(status: string): ConversationStatus | undefined {
  const s = status.trim().toLowerCase();
  if (MISSED_STATUSES.has(s)) return 'missed';
  if (RESOLVED_STATUSES.has(s)) return 'resolved';
  if (OPEN_STATUSES.has(s)) return 'open';
  return undefined;
}

/**
 * Events are sorted by time; ties keep their input order (a customer message and the reply in the same
 * second stay in the order the export wrote them).
 */
export function sortEvents(events: ChatEvent[]): ChatEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.at < events[i - 1]!.at) {
      return events
        .map((e, i) => ({ e, i }))
        .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
        .map((x) => x.e);
    }
  }
  return events;
}

const isPublicMessage = (e: ChatEvent): boolean => e.type === 'message' && e.isInternal !== true;

export function foldConversation(id: string, unsorted: ChatEvent[], options: FoldOptions): Conversation {
  const events = sortEvents(unsorted);
  const c: Conversation = {
    id,
    firstEventAt: events.length > 0 ? events[0]!.at : Number.NaN,
    isAgentInitiated: false,
    status: 'missed',
    statusDisagrees: false,
    agents: [],
    tags: [],
    customerMessages: 0,
    agentMessages: 0,
    botMessages: 0,
    internalNotes: 0,
    cannedMessages: 0,
    replyWaits: [],
    replyAgents: [],
    transfers: 0,
    reopens: 0,
    escalations: 0,
    ratings: {},
    statusChanges: [],
    vendorMetrics: [],
  };
  const agentSet = new Set<string>();
  const tagSet = new Set<string>();
  const statusChanges: StatusChange[] = [];
  const vendorMetrics: VendorMetric[] = [];
  const ratings: Partial<Record<Survey, Rating>> = {};

  // Pass 1: who asked first, and when.
  let customerStart: number | undefined;
  let createdByAgentAt: number | undefined;
  let firstHumanAt: number | undefined;
  for (const e of events) {
    if (e.type === 'created') {
      c.createdAt ??= e.at;
      if (e.role === 'agent' || e.role === 'bot') createdByAgentAt ??= e.at;
      else customerStart ??= e.at;
    } else if (isPublicMessage(e)) {
      if (e.role === 'customer') customerStart = customerStart === undefined ? e.at : Math.min(customerStart, e.at);
      else if (e.role === 'agent') firstHumanAt ??= e.at;
    }
  }
  // An agent (or campaign) spoke before any customer request: outreach, kept out of response metrics.
  c.isAgentInitiated =
    customerStart === undefined ||
    (firstHumanAt !== undefined && firstHumanAt < customerStart) ||
    (createdByAgentAt !== undefined && createdByAgentAt < customerStart);
  if (!c.isAgentInitiated) c.requestedAt = customerStart;

  // Pass 2: in time order.
  let waitStart: number | undefined;
  let firstResponder: string | undefined;
  let firstAssigned: string | undefined;
  let firstNamed: string | undefined;
  let tracksState = false;
  let isResolvedNow = false;
  let lastEndedAt: number | undefined;
  let lastReopenAt: number | undefined;
  let vendorStatus: string | undefined;
  let hasHumanReply = false;
  let hasBotSpoken = false;
  const requestedAt = c.requestedAt;
  // A resolved event and a status that means resolved (or open again) change the record the same way.
  const resolve = (at: number): void => {
    c.firstResolvedAt ??= at;
    c.resolvedAt = at;
    isResolvedNow = true;
  };
  const reopen = (at: number): void => {
    c.reopens++;
    lastReopenAt = at;
    (c.reopenedAts ??= []).push(at);
    c.resolvedAt = undefined;
    isResolvedNow = false;
  };

  for (const e of events) {
    if (e.agent) {
      agentSet.add(e.agent);
      firstNamed ??= e.agent;
    }
    if (e.department && c.department === undefined) c.department = e.department;
    if (e.channel && c.channel === undefined) c.channel = e.channel;
    if (e.customerId && c.customerId === undefined) c.customerId = e.customerId;
    if (e.priority && c.priority === undefined) c.priority = e.priority;
    if (e.tags) for (const t of e.tags) tagSet.add(t);
    if (e.vendorStatus) vendorStatus = e.vendorStatus;

    switch (e.type) {
      case 'message': {
        if (e.isInternal === true) {
          c.internalNotes++;
          break;
        }
        c.firstMessageAt ??= e.at;
        c.lastMessageAt = e.at;
        if (e.role === 'customer') {
          c.customerMessages++;
          c.lastCustomerMessageAt = e.at;
          waitStart ??= e.at;
          if (options.keepText && e.text !== undefined) (c.customerTexts ??= []).push(e.text);
        } else if (e.role === 'agent' || e.role === 'bot') {
          const isHuman = e.role === 'agent';
          if (isHuman) {
            c.agentMessages++;
            hasHumanReply = true;
            if (e.isCanned) c.cannedMessages++;
            if (options.keepText && e.text !== undefined) (c.agentTexts ??= []).push(e.text);
          } else {
            c.botMessages++;
            hasBotSpoken = true;
          }
          const counts = isHuman || options.countBots;
          if (requestedAt !== undefined && e.at >= requestedAt) {
            if (isHuman && c.firstResponseAt === undefined) {
              c.firstResponseAt = e.at;
              firstResponder = e.agent;
            } else if (!isHuman) {
              c.firstBotResponseAt ??= e.at;
              if (options.countBots && c.firstResponseAt === undefined) c.firstResponseAt = e.at;
            }
          }
          if (counts && waitStart !== undefined) {
            c.replyWaits.push(waitStart, e.at);
            c.replyAgents.push(isHuman ? e.agent : undefined);
            waitStart = undefined;
          }
        }
        break;
      }
      case 'created':
        break;
      case 'assigned':
        if (e.role !== 'bot') {
          c.assignedAt ??= e.at;
          firstAssigned ??= e.agent;
        }
        break;
      case 'transferred':
        c.transfers++;
        if (hasBotSpoken) c.botHandoffAt ??= e.at;
        if (e.transferTo && e.role !== 'bot') agentSet.add(e.transferTo);
        break;
      case 'escalated':
        c.escalations++;
        break;
      case 'status':
        tracksState = true;
        if (e.status) {
          statusChanges.push({ at: e.at, status: e.status.toLowerCase() });
          const s = normalizeVendorStatus(e.status);
          if (s === 'resolved') resolve(e.at);
          else if (s === 'open' && isResolvedNow) reopen(e.at);
        }
        break;
      case 'resolved':
        tracksState = true;
        resolve(e.at);
        break;
      case 'reopened':
        tracksState = true;
        reopen(e.at);
        break;
      case 'ended':
        tracksState = true;
        lastEndedAt = lastEndedAt === undefined ? e.at : Math.max(lastEndedAt, e.at);
        break;
      case 'missed':
        tracksState = true;
        vendorStatus ??= 'missed';
        lastEndedAt = lastEndedAt === undefined ? e.at : Math.max(lastEndedAt, e.at);
        break;
      case 'wrapped_up':
        c.wrappedUpAt = c.wrappedUpAt === undefined ? e.at : Math.max(c.wrappedUpAt, e.at);
        break;
      case 'rated':
        if (e.rating) ratings[e.rating.survey] = e.rating;
        break;
      case 'vendor_metric':
        if (e.vendorMetric) vendorMetrics.push(e.vendorMetric);
        break;
    }
  }

  c.endedAt = lastEndedAt ?? c.lastMessageAt ?? c.resolvedAt;
  if (c.resolvedAt !== undefined && lastEndedAt === undefined && c.endedAt !== undefined && c.resolvedAt > c.endedAt && c.lastMessageAt === undefined) {
    c.endedAt = c.resolvedAt;
  }
  const answered = hasHumanReply;
  const isClosed =
    !tracksState ||
    isResolvedNow ||
    (lastEndedAt !== undefined && (lastReopenAt === undefined || lastEndedAt >= lastReopenAt));
  let status: ConversationStatus = !isClosed ? 'open' : answered ? 'resolved' : 'missed';
  if (vendorStatus !== undefined) {
    c.vendorStatus = vendorStatus;
    const theirs = normalizeVendorStatus(vendorStatus);
    if (theirs !== undefined && theirs !== status) {
      c.statusDisagrees = true;
      status = theirs; // METRICS.md: the vendor's own status field wins where present
    }
  }
  c.status = status;
  c.agent = firstResponder ?? firstAssigned ?? firstNamed;
  c.agents = [...agentSet];
  c.tags = [...tagSet];
  c.ratings = ratings;
  c.statusChanges = statusChanges;
  c.vendorMetrics = vendorMetrics;
  return c;
}
