// Types of bench/lib.mjs for the tests (the bench itself is plain Node ESM, run without a build step).
export interface Size { label: string; megabytes: number; rows: number }
export type KpiKey = 'chats' | 'missed' | 'frt_count' | 'frt_mean' | 'frt_median' | 'frt_p90' | 'frt_max'
  | 'service_level' | 'ratings' | 'csat';
export type Kpis = Partial<Record<KpiKey, number | undefined>>;
export interface Problem { key: KpiKey; actual: unknown; expected: number }
export interface Measurement { seconds: number; bytes: number; rssMiB: number }
export interface Goal { goal: string; size: string; status: 'PASS' | 'MISS' | 'n/a'; detail: string }

export const ROWS_PER_MB: number;
export const REFERENCE: Record<string, Record<KpiKey, number>>;
export const KPI_KEYS: readonly KpiKey[];
export const FRT_SL_KEYS: readonly KpiKey[];
export function parseSize(text: string): Size;
export function kpiSql(file: string): string;
export function kpisFromReport(report: unknown): Kpis;
export function kpisFromVendorReport(report: unknown): Kpis;
export const REPORT_DECIMALS: number;
export function roundedKeys(actual: Kpis, expected: Kpis, keys?: readonly KpiKey[]): KpiKey[];
export function compareKpis(actual: Kpis, expected: Kpis, keys?: readonly KpiKey[]): Problem[];
export function mbPerSecond(bytes: number, seconds: number): number;
export function evaluateGoals(sizes: readonly Size[], bySize: Record<string, Record<string, Measurement>>): Goal[];
export function evaluateVendorGoal(small: Size, size: Size, bySize: Record<string, Record<string, Measurement>>): Goal;
export function renderTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string;
export function quoter(delimiter?: number): (chunk?: Uint8Array) => Buffer;
