// The adapter registry: every supported export, in the order detection reports ties.
import * as registry from './registry.js';
import type { Adapter } from './types.js';

// Typed so that every registry line must export a Adapter.
const entries: Record<string, Adapter> = registry;

// Ids compared by code unit, not localeCompare: ids are ASCII (the same order), and the first localeCompare of a
// process builds an ICU collator, ~10 ms of every run's start-up.
export const ADAPTERS: readonly Adapter[] = Object.values(entries).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function findAdapter(id: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}
