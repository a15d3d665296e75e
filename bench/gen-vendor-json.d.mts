// Types of bench/gen-vendor-json.mjs for the tests (the bench itself is plain Node ESM, run without a build step).
export interface Row { at: number; role: 'customer' | 'agent' | 'bot' | 'system'; author: string; text: string }
export interface CollectedConversation {
  id: string; rows: Row[]; agent: string; department: string; channel: string;
  rating: number | undefined; ratedAt: number | undefined; lastAt: number;
}
export function createCsvParser(onRow: (fields: string[]) => void): { push(chunk: string): void; end(): void };
export function createCollector(idleSeconds: number, onConversation: (c: CollectedConversation) => void): { row(fields: string[]): void; end(): void };
export function createWriter(): (c: CollectedConversation) => Record<string, unknown>;
export function contactId(name: string): string;
export function conversationId(id: string): string;
export function htmlBody(text: string): string;
