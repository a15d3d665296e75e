// The vendor's own per-conversation figures beside ours, so an analyst sees where and why they differ.
import type { Conversation } from './conversations/types.js';

export interface VendorCheck {
  conversationId: string;
  metric: string;
  source: string;
  vendor: number;
  /** Our figure for the same conversation, or null when we have none (e.g. no human reply). */
  chatkpi: number | null;
  agrees: boolean;
  toleranceSeconds: number;
  /** Why they differ, when a known cause explains it. */
  reason: string | null;
}

/** Differences up to a second (exports round to whole seconds or minutes), or 1% of the figure, are agreement. */
export function toleranceFor(vendorSeconds: number): number {
  return Math.max(1, vendorSeconds * 0.01);
}

function ours(c: Conversation, metric: string): number | null {
  const span = (a: number | undefined, b: number | undefined): number | null => (a !== undefined && b !== undefined ? (b - a) / 1000 : null);
  switch (metric) {
    case 'first_response_time': return span(c.requestedAt, c.firstResponseAt);
    case 'queue_time': return span(c.requestedAt, c.assignedAt);
    case 'wait_time': return span(c.requestedAt, c.firstResponseAt ?? c.endedAt);
    case 'resolution_time': return span(c.requestedAt, c.resolvedAt);
    case 'chat_duration': return span(c.firstMessageAt, c.endedAt);
    case 'handle_time': return span(c.firstMessageAt, c.wrappedUpAt ?? c.endedAt);
    default: return null;
  }
}

function explain(c: Conversation, metric: string, source: string, vendor: number, mine: number | null): string | null {
  if (/business/i.test(source)) return 'the vendor counts business hours only';
  if (mine === null) {
    if (c.isAgentInitiated) return 'agent-initiated: chatkpi has no customer request to start from';
    if (metric === 'first_response_time' && c.firstBotResponseAt !== undefined) return 'a bot replied first: chatkpi counts human replies only (--count-bots)';
    return 'chatkpi has no end event for this conversation';
  }
  if (metric === 'first_response_time' || metric === 'queue_time' || metric === 'resolution_time') {
    if (c.firstBotResponseAt !== undefined && c.firstResponseAt !== undefined && c.firstBotResponseAt < c.firstResponseAt && Math.abs(vendor - (c.firstBotResponseAt - (c.requestedAt ?? 0)) / 1000) <= toleranceFor(vendor)) {
      return 'the vendor counts the bot reply';
    }
    if (c.createdAt !== undefined && c.requestedAt !== undefined && c.createdAt !== c.requestedAt) return 'a different start event (creation vs first customer message)';
    if (mine > vendor) return 'chatkpi starts the clock at the chat request; the vendor at a later event (chat start, assignment)';
  }
  if (metric === 'chat_duration') return 'chatkpi measures first message to end; the vendor from chat start';
  return null;
}

export function compareVendorMetrics(c: Conversation): VendorCheck[] {
  return c.vendorMetrics.map((v) => {
    const mine = ours(c, v.metric);
    const tolerance = toleranceFor(v.seconds);
    const agrees = mine !== null && Math.abs(mine - v.seconds) <= tolerance;
    return {
      conversationId: c.id,
      metric: v.metric,
      source: v.source,
      vendor: v.seconds,
      chatkpi: mine,
      agrees,
      toleranceSeconds: tolerance,
      reason: agrees ? null : explain(c, v.metric, v.source, v.seconds, mine),
    };
  });
}
