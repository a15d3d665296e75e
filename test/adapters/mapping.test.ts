import { describe, expect, it } from 'vitest';
import registered, { createMappingAdapter, isDayFirst, parseMapOption, proposeMapping, roleFromAnyLanguage } from '../../src/adapters/mapping.js';
import { UsageError } from '../../src/errors.js';
import { normalizeHeader } from '../../src/inputs/columns.js';
import { csvRows, foldAll, testContext, toEvents } from '../helpers/records.js';

const SPANISH = 'test/fixtures/mapping/conversaciones.csv';
const CHINESE = 'test/fixtures/mapping/zh-sessions.csv';

const SPANISH_MAP = {
  conversation_id: 'ID Conversación',
  at: 'Fecha',
  role: 'Tipo de autor',
  agent: 'Agente',
  text: 'Mensaje',
  department: 'Departamento',
  rating: 'Valoración',
  internal: 'Interno',
};
const CHINESE_MAP = { conversation_id: '会话ID', at: '创建时间', role: '角色', agent: '客服', text: '消息内容', department: '技能组' };

function load(path: string, mapping: Record<string, string>, inputTz: string) {
  const adapter = createMappingAdapter(mapping);
  const { rows, mapping: resolved, headers } = csvRows(path, adapter);
  const ctx = testContext(path, resolved, { inputTz });
  const events = toEvents(adapter, rows, ctx);
  return { adapter, headers, events, conversations: foldAll(events) };
}

const sec = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (b - a) / 1000);

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('mapping: --map parsing', () => {
  it('reads field=column pairs, columns with spaces and any script', () => {
    expect(parseMapOption('conversation_id=Ticket,at=Created, role=Author type,agent=客服')).toEqual({ conversation_id: 'Ticket', at: 'Created', role: 'Author type', agent: '客服' });
  });

  it.each([
    ['conversation_id=Ticket,at=Created,role', '"role"'],
    ['conversation_id=Ticket,at=Created,role=', '"role="'],
    ['conversation_id=Ticket,at=Created,role=R,agnet=A', 'unknown field "agnet"'],
    ['conversation_id=Ticket,at=Created,role=R,at=Other', 'given twice'],
    ['conversation_id=Ticket,role=R', 'missing at'],
  ])('%s: BAD_MAP, exit 2, naming the problem', (text, needle) => {
    const err = usageError(() => parseMapOption(text));
    expect(err.code).toBe('BAD_MAP');
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain(needle);
  });

  it('a config mapping is checked the same way; its field names in any case', () => {
    expect(usageError(() => createMappingAdapter({ conversation_id: 'id', at: 'time' })).message).toContain('missing role');
    expect(usageError(() => createMappingAdapter({ conversation_id: 'id', at: 'time', role: 'r', agnet: 'a' })).message).toContain('unknown field "agnet"');
    expect(createMappingAdapter({ Conversation_ID: 'id', AT: 'time', Role: 'r' }).requiredFields).toEqual(['conversation_id', 'at', 'role']);
  });
});

describe('mapping: Spanish headers', () => {
  it('proposeMapping proposes exactly the mapping that reads the file', () => {
    const { headers } = load(SPANISH, SPANISH_MAP, 'Europe/Madrid');
    const p = proposeMapping(headers);
    expect(p.mapping).toEqual(SPANISH_MAP);
    expect(p.missing).toEqual([]);
    expect(p.confidence).toBe(1);
  });

  it('the created adapter detects its columns; the registered one never detects', () => {
    const { adapter, headers } = load(SPANISH, SPANISH_MAP, 'Europe/Madrid');
    const sample = { path: SPANISH, format: 'csv' as const, encoding: 'utf8' as const, hasBom: false, headers, normalizedHeaders: headers.map(normalizeHeader), records: [] };
    expect(adapter.detect(sample).score).toBeGreaterThan(0.5);
    expect(createMappingAdapter({ ...SPANISH_MAP, at: 'Hora' }).detect(sample)).toMatchObject({ score: 0, reason: expect.stringContaining('Hora') as unknown });
    expect(registered.detect(sample).score).toBe(0);
  });

  it('C-100: bot greeting, first human reply, internal note, rating', () => {
    const c = load(SPANISH, SPANISH_MAP, 'Europe/Madrid').conversations.get('C-100')!;
    expect(new Date(c.requestedAt!).toISOString()).toBe('2026-01-05T08:00:01.000Z'); // Madrid is UTC+1 in January
    expect(sec(c.requestedAt, c.firstBotResponseAt)).toBe(2);
    expect(sec(c.requestedAt, c.firstResponseAt)).toBe(40); // the bot's reply does not count
    expect(c.agent).toBe('Lucía');
    expect(c.internalNotes).toBe(1);
    expect(c.agentMessages).toBe(2);
    expect(c.department).toBe('Facturación');
    expect(c.ratings.csat).toMatchObject({ score: 5, scaleMin: 1, scaleMax: 5 });
  });

  it('C-101 has no agent reply: missed; C-102 answered in 20 s', () => {
    const { conversations } = load(SPANISH, SPANISH_MAP, 'Europe/Madrid');
    expect(conversations.get('C-101')!.status).toBe('missed');
    expect(conversations.get('C-101')!.firstResponseAt).toBeUndefined();
    expect(sec(conversations.get('C-102')!.requestedAt, conversations.get('C-102')!.firstResponseAt)).toBe(20);
    expect(conversations.get('C-102')!.replyWaits.length / 2).toBe(2);
  });
});

describe('mapping: Chinese headers', () => {
  it('proposeMapping proposes exactly the mapping that reads the file', () => {
    const { headers } = load(CHINESE, CHINESE_MAP, 'Asia/Shanghai');
    expect(proposeMapping(headers).mapping).toEqual(CHINESE_MAP);
  });

  it('客户/客服/机器人 roles, Shanghai local time', () => {
    const { conversations } = load(CHINESE, CHINESE_MAP, 'Asia/Shanghai');
    const s1 = conversations.get('S1')!;
    expect(new Date(s1.requestedAt!).toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(s1.botMessages).toBe(1);
    expect(sec(s1.requestedAt, s1.firstResponseAt)).toBe(30);
    expect(s1.agent).toBe('王芳');
    expect(s1.department).toBe('售后');
    expect(sec(conversations.get('S2')!.requestedAt, conversations.get('S2')!.firstResponseAt)).toBe(60);
    expect(conversations.get('S3')!.status).toBe('missed');
  });
});

describe('mapping: proposals in other languages', () => {
  it.each([
    [['Conversa', 'Data', 'Papel', 'Atendente', 'Mensagem'], { conversation_id: 'Conversa', at: 'Data', role: 'Papel', agent: 'Atendente', text: 'Mensagem' }],
    [['Identifiant conversation', 'Horodatage', "Type d'auteur", 'Conseiller', 'Message'], { conversation_id: 'Identifiant conversation', at: 'Horodatage', role: "Type d'auteur", agent: 'Conseiller', text: 'Message' }],
    [['Konversations-ID', 'Datum', 'Rolle', 'Mitarbeiter', 'Nachricht', 'Kunde'], { conversation_id: 'Konversations-ID', at: 'Datum', role: 'Rolle', agent: 'Mitarbeiter', text: 'Nachricht', customer: 'Kunde' }],
    [['Ticket', 'Tipo de evento', 'Tipo', 'Fecha'], { conversation_id: 'Ticket', at: 'Fecha', role: 'Tipo', type: 'Tipo de evento' }],
  ])('%j', (headers, expected) => {
    const p = proposeMapping(headers);
    expect(p.mapping).toEqual(expected);
    expect(p.missing).toEqual([]);
  });

  it('a partial name is proposed with less confidence; unknown headers propose nothing', () => {
    const partial = proposeMapping(['Chat', 'Fecha del mensaje', 'Rol']);
    expect(partial.mapping).toEqual({ conversation_id: 'Chat', at: 'Fecha del mensaje', role: 'Rol' });
    expect(partial.confidence).toBeCloseTo(0.85 * (2.6 / 3), 2);
    const none = proposeMapping(['foo', 'bar']);
    expect(none).toEqual({ mapping: {}, confidence: 0, missing: ['conversation_id', 'at', 'role'] });
  });

  it.each([
    ['Cliente', 'customer'], ['AGENTE', 'agent'], ['客户', 'customer'], ['客服', 'agent'], ['visiteur', 'customer'], ['Kunde', 'customer'],
    ['Opérateur', 'agent'], ['Sistema', 'system'], ['机器人', 'bot'], ['end user', 'customer'], ['pirate', undefined],
  ])('role word %s → %s', (word, role) => {
    expect(roleFromAnyLanguage(word)).toBe(role);
  });
});

describe('mapping: records', () => {
  it('JSON records by key (any case) or dotted path', () => {
    const adapter = createMappingAdapter({ conversation_id: 'chat', at: 'when', role: 'from.kind', agent: 'from.name' });
    const ctx = testContext('x.json');
    const events = adapter.toEvents({ kind: 'json', line: 1, value: { Chat: 7, WHEN: '2026-01-05T09:00:00Z', from: { kind: 'operador', name: 'Rui' } } }, ctx);
    expect(events).toEqual([{ conversationId: '7', at: Date.UTC(2026, 0, 5, 9), type: 'message', role: 'agent', agent: 'Rui' }]);
  });

  it.each([
    ['resolved', 'resolved'], ['Wrapped_Up', 'wrapped_up'], ['closed', 'resolved'], ['whatever', 'message'],
  ])('type column %s → event %s', (word, type) => {
    const adapter = createMappingAdapter({ conversation_id: 'c', at: 't', role: 'r', type: 'e' });
    const values: Record<string, string> = { conversation_id: '1', at: '2026-01-05T09:00:00Z', role: 'system', type: word };
    expect(adapter.toEvents({ kind: 'csv', line: 2, get: (f) => values[f], getAll: () => [] }, testContext('x.csv'))[0]?.type).toBe(type);
  });

  it('an unknown role word is a FieldError naming the column', () => {
    const adapter = createMappingAdapter({ conversation_id: 'c', at: 't', role: 'Quién' });
    const values: Record<string, string> = { conversation_id: '1', at: '2026-01-05T09:00:00Z', role: 'pirata' };
    expect(() => adapter.toEvents({ kind: 'csv', line: 2, get: (f) => values[f], getAll: () => [] }, testContext('x.csv'))).toThrow(/unknown role "pirata"/);
  });

  it('the registered entry refuses to read without a mapping', () => {
    expect(usageError(() => registered.toEvents({ kind: 'json', line: 1, value: {} }, testContext('x'))).code).toBe('BAD_MAP');
  });
});

describe('mapping: date order', () => {
  const at = (mapping: Record<string, string>, value: string): string => {
    const adapter = createMappingAdapter({ conversation_id: 'c', role: 'r', ...mapping });
    const values: Record<string, string> = { conversation_id: '1', at: value, role: 'cliente' };
    const [e] = adapter.toEvents({ kind: 'csv', line: 2, get: (f) => values[f], getAll: () => [] }, testContext('x.csv'));
    return new Date(e!.at).toISOString();
  };

  it.each([
    [{ at: 'Fecha' }, '05/01/2026 09:30', '2026-01-05T09:30:00.000Z'], // Spanish header: day first
    [{ at: 'Datum' }, '05.01.2026 09:30', '2026-01-05T09:30:00.000Z'], // German
    [{ at: 'Fecha del mensaje' }, '05/01/2026 09:30', '2026-01-05T09:30:00.000Z'],
    [{ at: 'Date' }, '05/01/2026 09:30', '2026-05-01T09:30:00.000Z'], // English: month first
    [{ at: 'Date', date_order: 'dmy' }, '05/01/2026 09:30', '2026-01-05T09:30:00.000Z'],
    [{ at: 'Fecha', date_order: 'mdy' }, '05/01/2026 09:30', '2026-05-01T09:30:00.000Z'],
    [{ at: '创建时间' }, '2026/01/05 09:30:00', '2026-01-05T09:30:00.000Z'], // year first is never ambiguous
    [{ at: 'Date' }, '2026-01-05T09:30:00Z', '2026-01-05T09:30:00.000Z'],
  ])('%j reads %s as %s', (mapping, value, iso) => {
    expect(at(mapping, value)).toBe(iso);
  });

  it('date_order is checked, and is not a column', () => {
    expect(parseMapOption('conversation_id=c,at=t,role=r,date_order=dmy')).toMatchObject({ date_order: 'dmy' });
    expect(usageError(() => parseMapOption('conversation_id=c,at=t,role=r,date_order=ydm')).message).toContain('date_order is dmy or mdy');
    expect(createMappingAdapter({ conversation_id: 'c', at: 't', role: 'r', date_order: 'dmy' }).fields).toEqual({ conversation_id: 'c', at: 't', role: 'r' });
    expect(isDayFirst({ at: 'Horodatage' })).toBe(true);
    expect(isDayFirst({ at: 'timestamp' })).toBe(false);
  });

  it('an impossible slashed date is a FieldError saying the expected order', () => {
    expect(() => at({ at: 'Fecha' }, '31/02/2026 09:30')).toThrow(/DD\/MM\/YYYY/);
  });
});
