// The adapter registry: every supported export, in the order detection reports ties.
import * as registry from './registry.js';
import type { Adapter } from './types.js';

// Typed so that every registry line must export a Adapter.
const entries: Record<string, Adapter> = registry;

export const ADAPTERS: readonly Adapter[] = Object.values(entries).sort((a, b) => a.id.localeCompare(b.id));

export function findAdapter(id: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}
