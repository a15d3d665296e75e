// Groups the event stream by conversation and folds each one; memory holds only conversations in flight.
import type { ChatEvent } from '../events/types.js';
import { FingerprintSet, fingerprint } from './fingerprints.js';
import { ConversationBuilder, foldConversation, foldStart, sortEvents, type FoldOptions } from './fold.js';
import type { Conversation } from './types.js';

export interface SessionizerOptions extends FoldOptions {
  /**
   * A conversation idle this long behind the newest timestamp seen is folded early (time-ordered input
   * keeps memory flat). `null` keeps every conversation until the end.
   */
  idleWindowMs: number | null;
  onConversation(conversation: Conversation): void;
}

const SCAN_EVERY = 8192;
/**
 * A conversation holding this many events is folded so far and then folds as it streams (ConversationBuilder),
 * keeping one record instead of every event: one conversation of 1,000,000 messages took 434 MB peak RSS on the
 * general path before. Early, so small conversations (a JSON record's events come unsorted) never pay for it.
 */
export const COMPACT_AT = 1024;

interface OpenConversation {
  /** Events not folded yet: all of them, until the conversation is compacted. */
  events: ChatEvent[];
  lastAt: number;
  /** Set once compacted: the fold so far, which takes only events not before `foldedUpTo`. */
  builder?: ConversationBuilder;
  foldedUpTo: number;
  /** Events buffered before the next compaction attempt (doubles while no customer has spoken yet). */
  compactAt: number;
  /** An event came earlier than the folded part (reported once in `reappeared`). */
  isUnordered?: boolean;
}

export class Sessionizer {
  private readonly open = new Map<string, OpenConversation>();
  /** Ids folded early; one that comes back means the early fold was wrong (see `reappeared`). */
  private readonly evicted = new FingerprintSet();
  private newestAt = -Infinity;
  private scannedAt = -Infinity;
  private sinceScan = 0;
  /** Ids that came back after being folded for idleness: the caller re-runs without eviction. */
  readonly reappeared: string[] = [];
  events = 0;
  peakOpen = 0;

  constructor(private readonly options: SessionizerOptions) {}

  /** Conversations open now. */
  get openCount(): number {
    return this.open.size;
  }

  add(event: ChatEvent): void {
    this.events++;
    const id = event.conversationId;
    const at = event.at;
    let entry = this.open.get(id);
    if (entry === undefined) {
      if (this.evicted.has(...fingerprint(id))) this.reappeared.push(id);
      entry = { events: [], lastAt: at, foldedUpTo: -Infinity, compactAt: COMPACT_AT };
      this.open.set(id, entry);
      if (this.open.size > this.peakOpen) this.peakOpen = this.open.size;
    }
    if (entry.builder === undefined) {
      entry.events.push(event);
      if (entry.events.length >= entry.compactAt && this.options.idleWindowMs !== null) this.compact(id, entry);
    } else {
      // Earlier than what is folded: the fold so far is wrong. Like a conversation back after its early fold,
      // the caller re-reads without early folding (idle window null: no compaction); stdin cannot, and warns.
      if (at < entry.foldedUpTo && entry.isUnordered !== true) {
        entry.isUnordered = true;
        this.reappeared.push(id);
      }
      entry.builder.add(event);
      if (at > entry.foldedUpTo) entry.foldedUpTo = at;
    }
    if (at > entry.lastAt) entry.lastAt = at;
    if (at > this.newestAt) this.newestAt = at;
    if (this.options.idleWindowMs !== null && ++this.sinceScan >= SCAN_EVERY) {
      this.sinceScan = 0;
      this.evictIdle(this.options.idleWindowMs);
    }
  }

  /** Folds every conversation still open. */
  finish(): void {
    for (const [id, entry] of this.open) this.emit(id, entry);
    this.open.clear();
  }

  /**
   * Folds the events so far, when they came in time order and pass 1 is settled: the customer has spoken (so
   * `requestedAt` and outreach are known; later events are never earlier). Before that, waits for twice as many.
   */
  private compact(id: string, entry: OpenConversation): void {
    const events = sortEvents(entry.events);
    if (events !== entry.events) {
      // Already out of time order (a JSON record's events, emitted as the vendor nests them): later ones could be
      // earlier than the folded part, and that would cost a second read. Such a conversation keeps its events.
      entry.compactAt = Infinity;
      return;
    }
    const start = foldStart(events);
    if (start.customerStart === undefined) {
      entry.compactAt *= 2;
      return;
    }
    const builder = new ConversationBuilder(id, start, this.options);
    for (const e of events) builder.add(e);
    entry.builder = builder;
    entry.foldedUpTo = events[events.length - 1]!.at;
    entry.events = [];
  }

  private evictIdle(windowMs: number): void {
    // Scan only once the data has moved on by a quarter of the window (cheap with many conversations open), and
    // with forEach: for-of would make a [key, value] array per open conversation per scan.
    if (this.newestAt - this.scannedAt < windowMs / 4) return;
    this.scannedAt = this.newestAt;
    const horizon = this.newestAt - windowMs;
    this.open.forEach((entry, id) => {
      if (entry.lastAt < horizon) {
        this.emit(id, entry);
        this.open.delete(id);
        this.evicted.add(...fingerprint(id));
      }
    });
  }

  private emit(id: string, entry: OpenConversation): void {
    this.options.onConversation(entry.builder !== undefined ? entry.builder.finish() : foldConversation(id, entry.events, this.options));
  }
}
