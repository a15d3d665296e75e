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

/** What the fold learns before its time-ordered pass: who asked first, and when (METRICS.md, requested_at). */
export interface FoldStart {
  firstEventAt: number;
  createdAt?: number;
  isAgentInitiated: boolean;
  requestedAt?: number;
  /** The first customer message or customer creation, even when an agent spoke first. */
  customerStart?: number;
}

/** Pass 1 over time-ordered events. */
export function foldStart(events: readonly ChatEvent[]): FoldStart {
  let createdAt: number | undefined;
  let customerStart: number | undefined;
  let createdByAgentAt: number | undefined;
  let firstHumanAt: number | undefined;
  for (const e of events) {
    if (e.type === 'created') {
      createdAt ??= e.at;
      if (e.role === 'agent' || e.role === 'bot') createdByAgentAt ??= e.at;
      else customerStart ??= e.at;
    } else if (isPublicMessage(e)) {
      if (e.role === 'customer') customerStart = customerStart === undefined ? e.at : Math.min(customerStart, e.at);
      else if (e.role === 'agent') firstHumanAt ??= e.at;
    }
  }
  // An agent (or campaign) spoke before any customer request: outreach, kept out of response metrics.
  const isAgentInitiated =
    customerStart === undefined ||
    (firstHumanAt !== undefined && firstHumanAt < customerStart) ||
    (createdByAgentAt !== undefined && createdByAgentAt < customerStart);
  return {
    firstEventAt: events.length > 0 ? events[0]!.at : Number.NaN,
    ...(createdAt !== undefined ? { createdAt } : {}),
    isAgentInitiated,
    ...(isAgentInitiated ? {} : { requestedAt: customerStart }),
    ...(customerStart !== undefined ? { customerStart } : {}),
  };
}

export function foldConversation(id: string, unsorted: ChatEvent[], options: FoldOptions): Conversation {
  const events = sortEvents(unsorted);
  const builder = new ConversationBuilder(id, foldStart(events), options);
  for (const e of events) builder.add(e);
  return builder.finish();
}


/**
 * A conversation with nothing counted yet. Both folds (this one and the fast path's) start from it, so their
 * records have the same fields in the same order (and the metric folds see one object shape).
 */
export function blankConversation(id: string, firstEventAt: number): Conversation {
  return {
    id,
    firstEventAt,
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
}

/**
 * Pass 2: takes time-ordered events one at a time. Given the FoldStart of a time-ordered prefix that already holds
 * the customer's start, it also takes every later event whose time is not before the prefix's last: pass 1 could
 * not change (later events are never earlier than the start), so the sessionizer folds a long conversation as it
 * streams instead of keeping its events (issue 6: one conversation of a million messages).
 */
export class ConversationBuilder {
  private readonly c: Conversation;
  private readonly agentSet = new Set<string>();
  private readonly tagSet = new Set<string>();
  private readonly statusChanges: StatusChange[] = [];
  private readonly vendorMetrics: VendorMetric[] = [];
  private readonly replyAgents: (string | undefined)[] = [];
  private readonly ratings: Partial<Record<Survey, Rating>> = {};
  private waitStart: number | undefined;
  private firstResponder: string | undefined;
  private firstAssigned: string | undefined;
  private firstNamed: string | undefined;
  private tracksState = false;
  private isResolvedNow = false;
  private lastEndedAt: number | undefined;
  private lastReopenAt: number | undefined;
  private vendorStatus: string | undefined;
  private hasHumanReply = false;
  private hasBotSpoken = false;
  private readonly requestedAt: number | undefined;

  constructor(
    id: string,
    start: FoldStart,
    private readonly options: FoldOptions,
  ) {
    this.c = blankConversation(id, start.firstEventAt);
    if (start.createdAt !== undefined) this.c.createdAt = start.createdAt;
    this.c.isAgentInitiated = start.isAgentInitiated;
    if (!start.isAgentInitiated) this.c.requestedAt = start.requestedAt;
    this.requestedAt = this.c.requestedAt;
  }

  // A resolved event and a status that means resolved (or open again) change the record the same way.
  private resolve(at: number): void {
    this.c.firstResolvedAt ??= at;
    this.c.resolvedAt = at;
    this.isResolvedNow = true;
  }

  private reopen(at: number): void {
    const c = this.c;
    c.reopens++;
    this.lastReopenAt = at;
    (c.reopenedAts ??= []).push(at);
    c.resolvedAt = undefined;
    this.isResolvedNow = false;
  }

  add(e: ChatEvent): void {
    const c = this.c;
    const options = this.options;
    const requestedAt = this.requestedAt;
    if (e.agent) {
      this.agentSet.add(e.agent);
      this.firstNamed ??= e.agent;
    }
    if (e.department && c.department === undefined) c.department = e.department;
    if (e.channel && c.channel === undefined) c.channel = e.channel;
    if (e.customerId && c.customerId === undefined) c.customerId = e.customerId;
    if (e.priority && c.priority === undefined) c.priority = e.priority;
    if (e.tags) for (const t of e.tags) this.tagSet.add(t);
    if (e.vendorStatus) this.vendorStatus = e.vendorStatus;

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
          this.waitStart ??= e.at;
          if (options.keepText && e.text !== undefined) (c.customerTexts ??= []).push(e.text);
        } else if (e.role === 'agent' || e.role === 'bot') {
          const isHuman = e.role === 'agent';
          if (isHuman) {
            c.agentMessages++;
            this.hasHumanReply = true;
            if (e.isCanned) c.cannedMessages++;
            if (options.keepText && e.text !== undefined) (c.agentTexts ??= []).push(e.text);
          } else {
            c.botMessages++;
            this.hasBotSpoken = true;
          }
          const counts = isHuman || options.countBots;
          if (requestedAt !== undefined && e.at >= requestedAt) {
            if (isHuman && c.firstResponseAt === undefined) {
              c.firstResponseAt = e.at;
              this.firstResponder = e.agent;
            } else if (!isHuman) {
              c.firstBotResponseAt ??= e.at;
              if (options.countBots && c.firstResponseAt === undefined) c.firstResponseAt = e.at;
            }
          }
          if (counts && this.waitStart !== undefined) {
            c.replyWaits.push(this.waitStart, e.at);
            this.replyAgents.push(isHuman ? e.agent : undefined);
            this.waitStart = undefined;
          }
        }
        break;
      }
      case 'created':
        // Pass 1 set it from the prefix; a conversation folded as it streams may meet its first one only now.
        c.createdAt ??= e.at;
        break;
      case 'assigned':
        if (e.role !== 'bot') {
          c.assignedAt ??= e.at;
          this.firstAssigned ??= e.agent;
        }
        break;
      case 'transferred':
        c.transfers++;
        if (this.hasBotSpoken) c.botHandoffAt ??= e.at;
        if (e.transferTo && e.role !== 'bot') this.agentSet.add(e.transferTo);
        break;
      case 'escalated':
        c.escalations++;
        break;
      case 'status':
        this.tracksState = true;
        if (e.status) {
          this.statusChanges.push({ at: e.at, status: e.status.toLowerCase() });
          const s = normalizeVendorStatus(e.status);
          if (s === 'resolved') this.resolve(e.at);
          else if (s === 'open' && this.isResolvedNow) this.reopen(e.at);
        }
        break;
      case 'resolved':
        this.tracksState = true;
        this.resolve(e.at);
        break;
      case 'reopened':
        this.tracksState = true;
        this.reopen(e.at);
        break;
      case 'ended':
        this.tracksState = true;
        this.lastEndedAt = this.lastEndedAt === undefined ? e.at : Math.max(this.lastEndedAt, e.at);
        break;
      case 'missed':
        this.tracksState = true;
        this.vendorStatus ??= 'missed';
        this.lastEndedAt = this.lastEndedAt === undefined ? e.at : Math.max(this.lastEndedAt, e.at);
        break;
      case 'wrapped_up':
        c.wrappedUpAt = c.wrappedUpAt === undefined ? e.at : Math.max(c.wrappedUpAt, e.at);
        break;
      case 'rated':
        if (e.rating) this.ratings[e.rating.survey] = e.rating;
        break;
      case 'vendor_metric':
        if (e.vendorMetric) this.vendorMetrics.push(e.vendorMetric);
        break;
    }
  }

  finish(): Conversation {
    const c = this.c;
    const lastEndedAt = this.lastEndedAt;
    c.endedAt = lastEndedAt ?? c.lastMessageAt ?? c.resolvedAt;
    if (c.resolvedAt !== undefined && lastEndedAt === undefined && c.endedAt !== undefined && c.resolvedAt > c.endedAt && c.lastMessageAt === undefined) {
      c.endedAt = c.resolvedAt;
    }
    const answered = this.hasHumanReply;
    const isClosed =
      !this.tracksState ||
      this.isResolvedNow ||
      (lastEndedAt !== undefined && (this.lastReopenAt === undefined || lastEndedAt >= this.lastReopenAt));
    let status: ConversationStatus = !isClosed ? 'open' : answered ? 'resolved' : 'missed';
    if (this.vendorStatus !== undefined) {
      c.vendorStatus = this.vendorStatus;
      const theirs = normalizeVendorStatus(this.vendorStatus);
      if (theirs !== undefined && theirs !== status) {
        c.statusDisagrees = true;
        status = theirs; // METRICS.md: the vendor's own status field wins where present
      }
    }
    c.status = status;
    c.agent = this.firstResponder ?? this.firstAssigned ?? this.firstNamed;
    c.agents = [...this.agentSet];
    c.tags = [...this.tagSet];
    c.ratings = this.ratings;
    c.statusChanges = this.statusChanges;
    c.vendorMetrics = this.vendorMetrics;
    c.replyAgents = this.replyAgents;
    return c;
  }
}
