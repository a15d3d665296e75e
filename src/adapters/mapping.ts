// Any other message-level export, read through a column mapping the user gives (`--map` or `mapping` in the config).
// Source: VENDORS.md §0 (what any other CSV can be mapped to). The mapping names, for each of our fields, the file's
// column (case-insensitive): `--map conversation_id=Ticket,at=Created,role=Author type`. `proposeMapping` guesses
// one from a header in English, Spanish, Portuguese, French, German or Chinese for `chatkpi inspect`.
//
// Roles: the `role` column's words in those languages (cliente/agente/客户/客服/visiteur/Kunde...), else
// roleFromWord's English synonyms; an agent row names its agent by the `agent` column, else its author.
// Internal notes: an `internal` column that reads true (true/1/yes/sí/oui/ja/sim/是...). A `type` column may carry
// our event types (resolved, transferred...); anything else is a message. A `rating` on a row adds a `rated` event.
// Dates like 05/01/2026 are read day first when the time column is named in a day-first language, else month first;
// `date_order=dmy|mdy` in the mapping decides it (see isDayFirst).
import { FieldError, UsageError } from '../errors.js';
import type { ChatEvent, EventType, Role } from '../events/types.js';
import { EVENT_TYPES } from '../events/types.js';
import { normalizeHeader } from '../inputs/columns.js';
import type { RawRecord, Sample } from '../inputs/types.js';
import { parseTimestamp } from '../time/parse.js';
import { at as atPath, csatRating, isBotName, isRecord, requireTime, roleFromWord, str } from './common.js';
import type { Adapter, AdapterContext, Detection } from './types.js';

/** Our fields a mapping may name; the first three are required. */
export const MAPPING_FIELDS = [
  'conversation_id', 'at', 'role', 'agent', 'author', 'text', 'department', 'channel', 'rating', 'status', 'type', 'internal', 'customer',
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];
const REQUIRED: readonly MappingField[] = ['conversation_id', 'at', 'role'];
const KNOWN = new Set<string>(MAPPING_FIELDS);
/** Settings a mapping may carry beside the columns: `date_order=dmy` reads 05/01/2026 as 5 January. */
const OPTIONS = new Set(['date_order']);
const DATE_ORDERS = new Set(['dmy', 'mdy']);
const MAP_HINT = `use --map conversation_id=COLUMN,at=COLUMN,role=COLUMN[,agent=COLUMN...][,date_order=dmy|mdy]; fields: ${MAPPING_FIELDS.join(', ')}`;

/** `--map conversation_id=Ticket,at=Created,role=Author type` → { conversation_id: 'Ticket', ... }. */
export function parseMapOption(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(',')) {
    const pair = raw.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq).trim().toLowerCase();
    const column = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (eq < 0 || column === '') throw new UsageError('BAD_MAP', `--map "${pair}": expected field=column`, MAP_HINT);
    if (!KNOWN.has(key) && !OPTIONS.has(key)) throw new UsageError('BAD_MAP', `--map "${pair}": unknown field "${key}"`, MAP_HINT);
    if (key === 'date_order' && !DATE_ORDERS.has(column.toLowerCase())) throw new UsageError('BAD_MAP', `--map "${pair}": date_order is dmy or mdy`, MAP_HINT);
    if (out[key] !== undefined) throw new UsageError('BAD_MAP', `--map "${pair}": field "${key}" given twice`, MAP_HINT);
    out[key] = column;
  }
  checkMapping(out, '--map');
  return out;
}

function checkMapping(mapping: Record<string, string>, where: string): void {
  for (const [key, column] of Object.entries(mapping)) {
    if (key === 'date_order') {
      if (typeof column !== 'string' || !DATE_ORDERS.has(column.toLowerCase())) throw new UsageError('BAD_MAP', `${where}: date_order is dmy or mdy`, MAP_HINT);
      continue;
    }
    if (!KNOWN.has(key)) throw new UsageError('BAD_MAP', `${where}: unknown field "${key}"`, MAP_HINT);
    if (typeof column !== 'string' || column.trim() === '') throw new UsageError('BAD_MAP', `${where}: field "${key}" needs a column name`, MAP_HINT);
  }
  const missing = REQUIRED.filter((f) => mapping[f] === undefined);
  if (missing.length > 0) throw new UsageError('BAD_MAP', `${where}: missing ${missing.join(', ')}`, MAP_HINT);
}

// Role words of the languages proposeMapping knows, accent-free and lower-case; English synonyms come from roleFromWord.
const ROLE_WORDS: Record<string, Role> = {
  cliente: 'customer', usuario: 'customer', visitante: 'customer', contacto: 'customer', contato: 'customer', consumidor: 'customer',
  visiteur: 'customer', client: 'customer', utilisateur: 'customer', kunde: 'customer', kundin: 'customer', besucher: 'customer', nutzer: 'customer',
  客户: 'customer', 顾客: 'customer', 用户: 'customer', 访客: 'customer', 买家: 'customer',
  agente: 'agent', asesor: 'agent', operador: 'agent', atendente: 'agent', conseiller: 'agent', conseillere: 'agent', operateur: 'agent',
  mitarbeiter: 'agent', mitarbeiterin: 'agent', berater: 'agent', bearbeiter: 'agent', 客服: 'agent', 坐席: 'agent', 人工客服: 'agent', 员工: 'agent',
  robot: 'bot', robo: 'bot', 机器人: 'bot', 智能客服: 'bot',
  sistema: 'system', systeme: 'system', 系统: 'system',
};

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'si', 'sim', 'oui', 'ja', 'vrai', 'wahr', 'verdadero', 'verdadeiro', '是', '真', 'internal', 'interno', 'interne', 'intern', 'private', 'privado', 'prive', 'privat', '内部']);

const TYPE_WORDS: Record<string, EventType> = {
  closed: 'resolved', close: 'resolved', solved: 'resolved', transfer: 'transferred', assign: 'assigned', rating: 'rated', chat: 'message', msg: 'message',
};
const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);

/** Lower case, accents off, `_-.` as spaces: `Fecha_Creación` → `fecha creacion`. */
export function foldWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_\-.:/'’]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function roleFromAnyLanguage(word: string | undefined): Role | undefined {
  if (word === undefined) return undefined;
  const w = foldWord(word);
  return ROLE_WORDS[w] ?? roleFromWord(w) ?? roleFromWord(w.replace(/ /g, '_'));
}

/** The user's mapping → an adapter reading those columns (CSV) or keys (JSON; dotted paths allowed). */
export function createMappingAdapter(given: Record<string, string>): Adapter {
  // Config files may write `Conversation_ID` or `at `: our field names are matched like the columns, case-insensitively.
  const mapping = Object.fromEntries(Object.entries(given).map(([k, v]) => [k.trim().toLowerCase(), v]));
  checkMapping(mapping, 'mapping');
  const columnEntries = Object.entries(mapping).filter(([k]) => !OPTIONS.has(k));
  const fields: Record<string, string> = Object.fromEntries(columnEntries);
  const columns = columnEntries.map(([, v]) => v);
  const dayFirst = isDayFirst(mapping);
  const detect = (sample: Sample): Detection => {
    if (sample.format === 'csv') {
      const h = new Set(sample.normalizedHeaders ?? []);
      const absent = columns.filter((c) => !h.has(normalizeHeader(c)));
      return absent.length === 0 ? { score: 1, reason: 'every column of the given mapping is in the header' } : { score: 0, reason: `mapped columns not in the header: ${absent.join(', ')}` };
    }
    const first = sample.records[0];
    const found = isRecord(first) && REQUIRED.every((f) => jsonValue(first, mapping[f]!) !== undefined);
    return found ? { score: 1, reason: 'the first record has the mapped keys' } : { score: 0, reason: 'the first record lacks a mapped key' };
  };
  return {
    id: 'mapping',
    vendor: `Any export, through a column mapping (${Object.entries(mapping).map(([k, v]) => `${k}=${v}`).join(', ')})`,
    formats: ['csv', 'json', 'ndjson'],
    docs: 'README.md, section "Other exports: --map"',
    fields,
    requiredFields: REQUIRED,
    detect,
    toEvents: (record, ctx) => toEvents(record, ctx, mapping, dayFirst),
  };
}

/** JSON: a key matched case-insensitively, else a dotted path. */
function jsonValue(value: Record<string, unknown>, column: string): string | undefined {
  if (column in value) return str(value[column]);
  const lower = column.toLowerCase();
  for (const k of Object.keys(value)) if (k.toLowerCase() === lower) return str(value[k]);
  return column.includes('.') ? str(atPath(value, column)) : undefined;
}

/**
 * 05/01/2026: 5 January or 1 May? `date_order` says; without it, day first when the time column is named in Spanish,
 * Portuguese, French or German (`Fecha`, `Data`, `Horodatage`, `Datum`...), where dates are written day first, and
 * month first otherwise (an English `Date`, as US exports write). Year-first dates (2026/01/05) are never ambiguous.
 */
export function isDayFirst(mapping: Record<string, string>): boolean {
  const order = mapping.date_order?.toLowerCase();
  if (order !== undefined) return order === 'dmy';
  const header = foldWord(mapping.at ?? '');
  return DAY_FIRST_AT.some((s) => header === s || containsWord(header, s));
}

/** The time column's value → epoch ms; slashed dates by the file's day order, 2026/01/05 as 2026-01-05. */
function mappingTime(raw: string | undefined, field: string, ctx: AdapterContext, dayFirst: boolean): number {
  const v = (raw ?? '').trim();
  const ymd = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(.*)$/.exec(v);
  if (ymd) return requireTime(`${ymd[1]}-${ymd[2]!.padStart(2, '0')}-${ymd[3]!.padStart(2, '0')}${ymd[4]}`, field, ctx);
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{4}/.test(v)) {
    const t = parseTimestamp(v, { zone: ctx.options.inputTz, dayFirst });
    if (Number.isNaN(t)) throw new FieldError(field, `not a date: "${v}" (expected ${dayFirst ? 'DD/MM/YYYY' : 'MM/DD/YYYY'} HH:mm[:ss]; date_order=dmy|mdy sets the order)`, 'BAD_TIMESTAMP');
    return t;
  }
  return requireTime(raw, field, ctx);
}

function toEvents(record: RawRecord, ctx: AdapterContext, mapping: Record<string, string>, dayFirst: boolean): ChatEvent[] {
  let get: (f: MappingField) => string | undefined;
  if (record.kind === 'csv') get = (f) => record.get(f);
  else {
    const value = record.value;
    if (!isRecord(value)) throw new FieldError(mapping.conversation_id ?? 'record', 'not an object', 'BAD_FIELD');
    get = (f) => (mapping[f] === undefined ? undefined : jsonValue(value, mapping[f]!));
  }
  const name = (f: MappingField): string => mapping[f] ?? f;
  const conversationId = (get('conversation_id') ?? '').trim();
  if (conversationId === '') throw new FieldError(name('conversation_id'), 'empty: every row needs its conversation id', 'MISSING_ID');
  const at = mappingTime(get('at'), name('at'), ctx, dayFirst);
  const roleText = get('role') ?? '';
  const author = get('author') || undefined;
  let role = roleFromAnyLanguage(roleText);
  if (role === undefined) {
    throw new FieldError(name('role'), `unknown role "${roleText}" (expected customer/agent/bot/system or cliente, agente, 客户, 客服, visiteur, Kunde...)`, 'BAD_ROLE');
  }
  if (role === 'agent' && ctx.options.botNames.size > 0 && isBotName(author, ctx)) role = 'bot';

  // foldWord turns `wrapped_up` into `wrapped up`: our event type names take the underscore back.
  const typeWord = foldWord(get('type') ?? '').replace(/ /g, '_');
  const type: EventType = EVENT_TYPE_SET.has(typeWord) ? (typeWord as EventType) : (TYPE_WORDS[typeWord] ?? 'message');
  const e: ChatEvent = { conversationId, at, type, role };
  const agent = get('agent');
  if (agent) e.agent = agent;
  else if (role === 'agent' && author) e.agent = author;
  const department = get('department');
  if (department) e.department = department;
  const channel = get('channel');
  if (channel) e.channel = channel;
  const customer = get('customer');
  if (customer) e.customerId = customer;
  else if (role === 'customer' && author) e.customerId = author;
  const status = get('status');
  if (status) e.vendorStatus = status.trim().toLowerCase();
  const internal = get('internal');
  if (internal && TRUE_WORDS.has(foldWord(internal))) e.isInternal = true;
  if (ctx.options.keepText) {
    const text = get('text');
    if (text !== undefined) e.text = text;
  }
  const ratingText = get('rating');
  if (!ratingText) return [e];
  let rating;
  try {
    rating = csatRating(ratingText);
  } catch {
    throw new FieldError(name('rating'), `not a rating: "${ratingText}" (expected 1-5, good/bad or thumbs)`, 'BAD_RATING');
  }
  return rating === undefined ? [e] : [e, { conversationId, at, type: 'rated', role: 'customer', rating }];
}

// Header names per field, accent-free (foldWord), in English, Spanish, Portuguese, French, German and Chinese.
// Order matters: the first field to claim a header keeps it, and generic words (`tipo`, `type`) come last.
const SYNONYMS: Record<MappingField, readonly string[]> = {
  conversation_id: [
    'conversation id', 'conversationid', 'conversation', 'chat', 'chat id', 'chatid', 'ticket id', 'ticket', 'ticket number', 'thread id', 'session id', 'case id', 'case number',
    'id conversacion', 'id de conversacion', 'id de la conversacion', 'conversacion', 'id chat', 'id del chat', 'id de chat', 'id ticket', 'id de ticket', 'numero de ticket', 'id caso', 'id sesion',
    'id da conversa', 'id conversa', 'conversa', 'id do chat', 'id do atendimento', 'atendimento', 'protocolo', 'id do ticket',
    'id conversation', 'identifiant conversation', 'identifiant de conversation', 'id de conversation', 'id discussion', 'id du ticket', 'numero du ticket',
    'konversations id', 'konversation id', 'konversation', 'gesprachs id', 'gesprach id', 'gesprach', 'ticketnummer', 'ticket nr', 'vorgangsnummer', 'vorgang',
    '会话id', '会话 id', '会话编号', '会话', '对话id', '对话编号', '工单id', '工单编号', '工单号', '聊天id', '咨询id',
  ],
  at: [
    'timestamp', 'time', 'date', 'datetime', 'date time', 'created at', 'created', 'sent at', 'message time', 'sent',
    'fecha', 'fecha hora', 'fecha y hora', 'hora', 'marca de tiempo', 'fecha de envio', 'fecha creacion', 'fecha de creacion', 'creado',
    'data', 'data hora', 'data e hora', 'horario', 'enviado em', 'criado em', 'data de criacao', 'data de envio',
    'horodatage', 'date heure', 'date et heure', 'heure', 'cree le', 'date de creation', 'envoye le', 'date d envoi',
    'datum', 'zeit', 'zeitstempel', 'datum uhrzeit', 'datum und uhrzeit', 'uhrzeit', 'erstellt', 'erstellt am', 'gesendet am',
    '时间', '创建时间', '发送时间', '时间戳', '日期', '消息时间', '日期时间',
  ],
  role: [
    'role', 'author type', 'sender type', 'author role', 'user type', 'from type', 'sender role',
    'rol', 'tipo de autor', 'tipo autor', 'tipo de remitente', 'tipo remitente', 'rol del autor',
    'papel', 'tipo de remetente', 'tipo remetente', 'funcao',
    'type d auteur', 'type auteur', 'type d expediteur', 'type expediteur',
    'rolle', 'absendertyp', 'autortyp', 'sendertyp', 'absender typ',
    '角色', '发送者类型', '发送方类型', '发送人类型', '身份', '用户类型',
    'tipo', 'typ', '类型',
  ],
  type: ['event', 'event type', 'evento', 'tipo de evento', 'evenement', 'type d evenement', 'ereignis', 'ereignistyp', '事件', '事件类型'],
  text: [
    'message', 'text', 'body', 'content', 'message text',
    'mensaje', 'texto', 'contenido', 'cuerpo', 'mensagem', 'conteudo', 'texte', 'contenu', 'nachricht', 'inhalt', 'nachrichtentext',
    '消息', '消息内容', '内容', '文本', '聊天内容',
  ],
  agent: [
    'agent', 'agent name', 'assignee', 'assigned agent', 'operator', 'assigned to',
    'agente', 'asesor', 'asignado', 'asignado a', 'agente asignado', 'atendente', 'responsavel',
    'conseiller', 'operateur', 'assigne a', 'agent assigne', 'mitarbeiter', 'bearbeiter', 'zugewiesen an',
    '客服', '坐席', '客服人员', '处理人', '负责人', '客服名称', '接待客服',
  ],
  author: [
    'author', 'author name', 'sender', 'sender name', 'from', 'name', 'user',
    'autor', 'remitente', 'nombre', 'usuario', 'remetente', 'nome', 'auteur', 'expediteur', 'nom', 'absender', 'verfasser',
    '发送者', '发送人', '作者', '用户名', '姓名', '发言人',
  ],
  customer: [
    'customer', 'customer id', 'customer email', 'visitor id', 'visitor', 'email', 'client',
    'cliente', 'id cliente', 'id de cliente', 'correo', 'id do cliente', 'email do cliente', 'id client', 'identifiant client', 'courriel',
    'kunde', 'kunden id', 'kundennummer', 'kunden e mail', 'e mail',
    '客户', '客户id', '客户编号', '用户id', '访客id', '访客',
  ],
  department: [
    'department', 'team', 'group', 'queue', 'inbox',
    'departamento', 'equipo', 'grupo', 'cola', 'area', 'equipe', 'fila', 'setor', 'departement', 'service', 'groupe',
    'abteilung', 'gruppe', 'warteschlange', '部门', '团队', '组', '分组', '技能组', '队列',
  ],
  channel: ['channel', 'source', 'medium', 'canal', 'origen', 'fuente', 'origem', 'kanal', 'quelle', '渠道', '来源', '频道'],
  rating: [
    'rating', 'csat', 'satisfaction', 'score', 'calificacion', 'valoracion', 'puntuacion', 'satisfaccion', 'avaliacao', 'satisfacao',
    'evaluation', 'bewertung', 'zufriedenheit', '评分', '评价', '满意度',
  ],
  status: ['status', 'state', 'estado', 'situacao', 'statut', 'etat', 'zustand', '状态'],
  internal: [
    'internal', 'is internal', 'private', 'interno', 'privado', 'nota interna', 'interne', 'prive', 'note interne', 'intern', 'privat', 'interne notiz',
    '内部', '内部备注', '私密', '是否内部',
  ],
};

/** Time column names in the day-first languages (every `at` name but the English ones and the Chinese). */
const DAY_FIRST_AT: readonly string[] = SYNONYMS.at.filter(
  (s) => !['timestamp', 'time', 'date', 'datetime', 'date time', 'created at', 'created', 'sent at', 'message time', 'sent'].includes(s) && !/[\u4e00-\u9fff]/.test(s),
);

const PROPOSAL_ORDER: readonly MappingField[] = ['conversation_id', 'at', 'type', 'text', 'agent', 'author', 'customer', 'department', 'channel', 'rating', 'status', 'internal', 'role'];

/** True if `synonym` is a whole word run of `header` (or, for Chinese, a substring). */
function containsWord(header: string, synonym: string): boolean {
  if (/[\u4e00-\u9fff]/.test(synonym)) return synonym.length >= 2 && header.includes(synonym);
  return synonym.length >= 4 && ` ${header} `.includes(` ${synonym} `);
}

/**
 * A header → the mapping it most likely means. Exact names first (field by field, generic words last); then, for a
 * required field still missing, a header containing one of its names (`Fecha del mensaje`). `confidence` is 0..1:
 * 85% for the required fields (an exact match weighs 1, a partial 0.6), 15% for two optional ones.
 */
export function proposeMapping(headers: string[]): { mapping: Record<string, string>; confidence: number; missing: string[] } {
  const folded = headers.map(foldWord);
  const used = new Set<number>();
  const mapping: Record<string, string> = {};
  const weight = new Map<MappingField, number>();
  const claim = (field: MappingField, i: number, w: number): void => {
    used.add(i);
    mapping[field] = headers[i]!;
    weight.set(field, w);
  };
  // `role` goes last among exact matches so that `Tipo de evento` is the event type, yet before partial matches.
  for (const field of PROPOSAL_ORDER) {
    for (const synonym of SYNONYMS[field]) {
      const i = folded.findIndex((h, j) => !used.has(j) && h === synonym);
      if (i >= 0) {
        claim(field, i, 1);
        break;
      }
    }
  }
  for (const field of REQUIRED) {
    if (mapping[field] !== undefined) continue;
    for (const synonym of SYNONYMS[field]) {
      const i = folded.findIndex((h, j) => !used.has(j) && containsWord(h, synonym));
      if (i >= 0) {
        claim(field, i, 0.6);
        break;
      }
    }
  }
  const missing = REQUIRED.filter((f) => mapping[f] === undefined);
  const requiredScore = REQUIRED.reduce((s, f) => s + (weight.get(f) ?? 0), 0) / REQUIRED.length;
  const optional = Object.keys(mapping).length - (REQUIRED.length - missing.length);
  const confidence = Math.round((0.85 * requiredScore + 0.15 * Math.min(1, optional / 2)) * 100) / 100;
  const ordered: Record<string, string> = {};
  for (const f of MAPPING_FIELDS) if (mapping[f] !== undefined) ordered[f] = mapping[f];
  return { mapping: ordered, confidence, missing };
}

/**
 * The registry's entry: never detected on its own (a mapping must be given), listed by `chatkpi adapters`.
 * `--adapter mapping` without `--map` stops at the first record with a usage error.
 */
const adapter: Adapter = {
  id: 'mapping',
  vendor: 'Any other export, through --map (or "mapping" in the config file)',
  formats: ['csv', 'json', 'ndjson'],
  docs: 'README.md, section "Other exports: --map"',
  detect: () => ({ score: 0, reason: 'only with --map field=column,...' }),
  toEvents: () => {
    throw new UsageError('BAD_MAP', '--adapter mapping needs a mapping', MAP_HINT);
  },
};

export default adapter;
