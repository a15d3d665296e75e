// Groups the event stream by conversation and folds each one; memory holds only conversations in flight.
import type { ChatEvent } from '../events/types.js';
import { FingerprintSet, fingerprint } from './fingerprints.js';
import { foldConversation, type FoldOptions } from './fold.js';
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

interface OpenConversation {
  events: ChatEvent[];
  lastAt: number;
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

  add(event: ChatEvent): void {
    this.events++;
    const id = event.conversationId;
    const at = event.at;
    let entry = this.open.get(id);
    if (entry === undefined) {
      if (this.evicted.has(...fingerprint(id))) this.reappeared.push(id);
      entry = { events: [], lastAt: at };
      this.open.set(id, entry);
      if (this.open.size > this.peakOpen) this.peakOpen = this.open.size;
    }
    entry.events.push(event);
    if (at > entry.lastAt) entry.lastAt = at;
    if (at > this.newestAt) this.newestAt = at;
    if (this.options.idleWindowMs !== null && ++this.sinceScan >= SCAN_EVERY) {
      this.sinceScan = 0;
      this.evictIdle(this.options.idleWindowMs);
    }
  }

  /** Folds every conversation still open. */
  finish(): void {
    for (const [id, entry] of this.open) this.emit(id, entry.events);
    this.open.clear();
  }

  private evictIdle(windowMs: number): void {
    // Scan only once the data has moved on by a quarter of the window (cheap with many conversations open), and
    // with forEach: for-of would make a [key, value] array per open conversation per scan.
    if (this.newestAt - this.scannedAt < windowMs / 4) return;
    this.scannedAt = this.newestAt;
    const horizon = this.newestAt - windowMs;
    this.open.forEach((entry, id) => {
      if (entry.lastAt < horizon) {
        this.emit(id, entry.events);
        this.open.delete(id);
        this.evicted.add(...fingerprint(id));
      }
    });
  }

  private emit(id: string, events: ChatEvent[]): void {
    this.options.onConversation(foldConversation(id, events, this.options));
  }
}
