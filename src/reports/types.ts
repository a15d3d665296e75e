// The report: CONTRACT.md's JSON shape, snake_case keys included, so json.ts is JSON.stringify.
import type { MetricResult } from '../metrics/types.js';

export interface InputSummary {
  path: string;
  adapter: string;
  records: number;
  skipped: number;
  warnings: string[];
}

export interface TargetResult {
  expression: string;
  metric: string;
  /** The figure compared: `p90`, `value`, `business.median`... */
  field: string;
  op: '>=' | '<=' | '>' | '<' | '==';
  /** Threshold in the metric's JSON unit (seconds, fraction). */
  threshold: number;
  actual: number | null;
  passed: boolean;
  /** Why it failed without a figure (metric unavailable), or which groups missed. */
  reason?: string;
  /** Per-group targets (`--group-by`): the group dimension and key this line is about. */
  group?: { by: string; key: string };
  /** Optional targets (config) do not fail the run when their metric is unavailable. */
  optional?: boolean;
  /** Unit of `actual` and `threshold`: seconds, a fraction 0..1, or a plain number (count, score). */
  unit?: 'seconds' | 'ratio' | 'number';
  /** `service_level(20s)` / `80% in 20s`: the T the share was measured at. */
  threshold_seconds?: number;
}

export interface GroupResult {
  key: string;
  metrics: Record<string, MetricResult>;
}

export interface Report {
  schema_version: 1;
  tool: { name: 'chatkpi'; version: string };
  inputs: InputSummary[];
  period: { from: string | null; to: string | null; timezone: string };
  /** Settings that change figures, so a reader knows how they were computed. */
  settings: Record<string, string | number | boolean | null>;
  metrics: Record<string, MetricResult>;
  groups: Record<string, GroupResult[]>;
  targets: TargetResult[];
  passed: boolean;
  /** The vendor's own per-conversation figures compared with ours (adapters that export them). */
  vendor_checks?: Record<string, VendorCheckSummary>;
}

export interface VendorCheckSummary {
  /** The vendor field compared (`first response time`, `reply_time_in_minutes`). */
  source: string;
  conversations: number;
  /** Conversations where chatkpi has a figure too. */
  compared: number;
  /** Compared conversations whose figures differ by more than the tolerance (uncompared ones appear only in examples). */
  differ: number;
  /** Agreement tolerance: 1 s or 1% of the vendor figure, whichever is larger (of the first conversation compared). */
  tolerance_seconds: number;
  vendor_mean: number | null;
  chatkpi_mean: number | null;
  examples: { conversation_id: string; vendor: number; chatkpi: number | null; reason: string | null }[];
}

export interface RenderOptions {
  /** Colour allowed (a terminal, no NO_COLOR, no --no-color). */
  color: boolean;
}

export interface Reporter {
  id: string;
  /** Output file extensions that select this reporter when `--format` is absent. */
  extensions: readonly string[];
  render(report: Report, options: RenderOptions): string;
}
