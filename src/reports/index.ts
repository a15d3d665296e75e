// The reporter registry: one file per --format.
import * as registry from './registry.js';
import type { Reporter } from './types.js';

// Typed so that every registry line must export a Reporter.
const entries: Record<string, Reporter> = registry;

export const REPORTERS: readonly Reporter[] = Object.values(entries);

export function findReporter(id: string): Reporter | undefined {
  return REPORTERS.find((r) => r.id === id);
}

export function reporterForPath(path: string): Reporter | undefined {
  const lower = path.toLowerCase();
  return REPORTERS.find((r) => r.extensions.some((ext) => lower.endsWith(ext)));
}
