#!/usr/bin/env node
// The standard message-level workload as a vendor JSON export: the conversations of a message CSV (bench/ or
// ../shared/bench/gen-messages.mjs) written as one Intercom `conversation.list` page, each conversation a full
// `GET /conversations/{id}` object with its `source` and `conversation_parts` (fixtures/intercom/README.md,
// VENDORS.md §4). Same conversations, times, roles, agents and ratings as the CSV, so chatkpi's answers on both
// files can be compared (bench/README.md, "Vendor JSON").
//
//   node bench/gen-vendor-json.mjs --from msgs-100m.csv > intercom-100m.json
//   node ../shared/bench/gen-messages.mjs --rows 66000 | node bench/gen-vendor-json.mjs > intercom-10m.json
//
// Streams both ways: the CSV is read in chunks, rows are collected per open conversation, and a conversation is
// written once the data has moved --idle-hours past its last row (gaps inside a conversation are minutes), so
// memory holds about a day of conversations at any file size. Conversations come out in the order of their first
// row (Intercom's created_at), one per line; the output is a pure function of the input bytes.
//
// Row → Intercom mapping:
// - the first row (a customer) is the `source`: created_at, `delivered_as: customer_initiated`, author `user`
//   (`lead` for an anonymous "Visitor 12345"); later customer rows are `comment` parts by the same contact;
// - agent rows are `comment` parts by an `admin` (ids 801, 802... in order of appearance); bot rows are `comment`
//   parts by a `bot`;
// - a system row that names a transfer ("Transferred to Ana") is an `assignment` of the conversation's admin by the
//   bot; any other system row (queue time-out, "Chat closed by agent", "Resolved by the assistant") is a `close`
//   with no body, by the admin when the text names the agent, else by the bot of the conversation or Intercom's
//   Operator bot. Intercom has no "missed" state: every conversation is `state: closed`;
// - the rating (1-5, on the last row) is `conversation_rating` at that row's time; the department is
//   `team_assignee_id` (teams 1, 2... in order of appearance); the channel is `source.type` (web/ios/android →
//   conversation, i.e. the Messenger; whatsapp; messenger → facebook);
// - `statistics` are computed from the parts as Intercom defines them (time_to_admin_reply from the first
//   customer message, which opens every conversation here), so chatkpi's vendor checks agree with its own figures.
import { createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = `usage: node bench/gen-vendor-json.mjs [--from FILE.csv] [--idle-hours H] > FILE.json
  --from FILE       the message CSV (gen-messages.mjs columns); - or absent: standard input
  --idle-hours H    a conversation not seen for H hours of data time is complete and written (default 24)`;

const COLUMNS = ['conversation_id', 'timestamp', 'author_type', 'author_name', 'agent', 'department', 'channel', 'message', 'rating'];
const FLUSH_CHARS = 1 << 20;
const ROLES = new Set(['customer', 'agent', 'bot', 'system']);
const OPERATOR = 'Operator'; // Intercom's own bot: closes conversations nobody else closed (workflows, time-outs)
const SOURCE_TYPES = { web: 'conversation', ios: 'conversation', android: 'conversation', whatsapp: 'whatsapp', messenger: 'facebook' };

class InputProblem extends Error {}

function fail(message, code) {
  process.stderr.write(`gen-vendor-json: ${message}\n${code === 2 ? `${USAGE}\n` : ''}`);
  process.exit(code);
}

function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { from: { type: 'string', default: '-' }, 'idle-hours': { type: 'string', default: '24' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    fail(error.message, 2);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const options = { from: parsed.values.from, idleHours: Number(parsed.values['idle-hours']) };
  if (!(options.idleHours > 0)) fail('--idle-hours needs a positive number', 2);
  return options;
}

// ---------- CSV (RFC 4180: quoted fields, "" escapes, line breaks inside quotes) ----------

/**
 * A push parser: `push(text)` calls onRow(fields) for every complete record, keeping an unfinished one for the
 * next chunk; `end()` flushes a last record without a line break. Fields are found with indexOf, not per character.
 */
export function createCsvParser(onRow) {
  let pending = '';
  const parse = (text, isLast) => {
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      const row = [];
      let p = pos;
      let complete = false;
      for (;;) {
        if (text.charCodeAt(p) === 34) {
          // quoted: up to the closing quote that is not followed by another one
          let value = '';
          let from = p + 1;
          let close;
          for (;;) {
            close = text.indexOf('"', from);
            if (close < 0 || (close + 1 >= n && !isLast)) break; // cannot tell "" from " yet
            if (text.charCodeAt(close + 1) === 34) {
              value += text.slice(from, close + 1);
              from = close + 2;
            } else break;
          }
          if (close < 0 || (close + 1 >= n && !isLast)) break;
          row.push(value + text.slice(from, close));
          p = close + 1;
        } else {
          let end = p;
          while (end < n) {
            const c = text.charCodeAt(end);
            if (c === 44 || c === 10 || c === 13) break;
            end++;
          }
          if (end >= n && !isLast) break;
          row.push(text.slice(p, end));
          p = end;
        }
        const c = text.charCodeAt(p);
        if (c === 44) { p++; continue; }
        if (c === 13 && text.charCodeAt(p + 1) === 10) p++;
        if (p < n || isLast) { complete = true; p = Math.min(p + 1, n); }
        break;
      }
      if (!complete) break;
      pos = p;
      if (row.length > 1 || row[0] !== '') onRow(row); // blank lines carry nothing
    }
    return text.slice(pos);
  };
  return {
    push(chunk) { pending = parse(pending + chunk, false); },
    end() {
      if (pending !== '') parse(pending, true);
      pending = '';
    },
  };
}

// ---------- ids ----------

/** FNV-1a over UTF-16 units with a given offset basis: stable contact ids from customer names, no table kept. */
function fnv1a(text, basis) {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** A 24-hex contact id like Intercom's, the same for every conversation of the same customer name. */
export const contactId = (name) => `6a${fnv1a(name, 2166136261).toString(16).padStart(8, '0')}${fnv1a(name, 3735928559).toString(16).padStart(8, '0')}000000`;

/** The generators' ids are C + 8 base-36 digits: read as a number they are Intercom-like numeric ids. */
export const conversationId = (id) => (/^C[0-9A-Z]{1,10}$/.test(id) ? String(parseInt(id.slice(1), 36)) : id);

const emailOf = (name, domain) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}@${domain}`;

/** Plain text → Intercom's HTML body: one paragraph per line, markup characters escaped. */
export const htmlBody = (text) => text.split('\n').map((line) => `<p>${line.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</p>`).join('');

// ---------- conversations ----------

/**
 * Writes conversations as Intercom objects. Numbered things (admins, bots, teams, part ids) are numbered in the
 * order they are written, so the output depends only on the input.
 */
export function createWriter() {
  const admins = new Map();
  const bots = new Map();
  const teams = new Map();
  let partSeq = 0;
  const numbered = (map, key, first) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = first + map.size));
    return id;
  };
  const admin = (name) => ({ type: 'admin', id: String(numbered(admins, name, 801)), name, email: emailOf(name, 'acme.example') });
  const bot = (name) => ({ type: 'bot', id: String(numbered(bots, name, 9)), name, email: `operator+${emailOf(name, 'intercom.io').split('@')[0]}@intercom.io` });

  return function toIntercom(c) {
    const [first, ...rest] = c.rows;
    const isLead = /^Visitor \d+$/.test(first.author);
    const contact = contactId(first.author);
    const customer = { type: isLead ? 'lead' : 'user', id: contact, name: first.author, email: isLead ? '' : emailOf(first.author, 'example.com') };
    const agent = c.agent ? admin(c.agent) : undefined;
    const spokenBot = c.rows.find((row) => row.role === 'bot')?.author;
    const parts = [];
    const part = (at, partType, author, body, assignedTo = null) => {
      parts.push({
        type: 'conversation_part', id: String(++partSeq), part_type: partType, body, created_at: at, updated_at: at, notified_at: at,
        assigned_to: assignedTo, author, attachments: [], external_id: null, redacted: false,
      });
    };
    for (const row of rest) {
      if (row.role === 'customer') part(row.at, 'comment', customer, htmlBody(row.text));
      else if (row.role === 'agent') part(row.at, 'comment', admin(row.author || c.agent), htmlBody(row.text));
      else if (row.role === 'bot') part(row.at, 'comment', bot(row.author), htmlBody(row.text));
      else if (/transferred to/i.test(row.text) && agent) {
        part(row.at, 'assignment', bot(spokenBot ?? OPERATOR), null, { type: 'admin', id: agent.id });
      } else {
        const byAgent = agent && /agent/i.test(row.text);
        part(row.at, 'close', byAgent ? agent : bot(spokenBot ?? OPERATOR), null);
      }
    }
    const times = (type, test = () => true) => parts.filter((p) => p.part_type === type && test(p)).map((p) => p.created_at);
    const adminReplies = times('comment', (p) => p.author.type === 'admin');
    const contactReplies = times('comment', (p) => p.author.type === customer.type);
    const assignments = times('assignment');
    const closes = parts.filter((p) => p.part_type === 'close');
    const createdAt = first.at;
    const since = (at) => (at === undefined ? null : at - createdAt);
    const lastAssignmentAt = assignments.at(-1);
    const updatedAt = Math.max(c.lastAt, c.ratedAt ?? 0);
    const team = c.department ? numbered(teams, c.department, 1) : null;
    return {
      type: 'conversation', id: conversationId(c.id), title: null, created_at: createdAt, updated_at: updatedAt,
      waiting_since: null, snoozed_until: null, open: false, state: 'closed', read: true, priority: 'not_priority',
      admin_assignee_id: agent ? Number(agent.id) : null, team_assignee_id: team,
      tags: { type: 'tag.list', tags: [] },
      conversation_rating: c.rating === undefined ? null : {
        rating: c.rating, remark: null, created_at: c.ratedAt, contact: { type: 'contact', id: contact },
        teammate: agent ? { type: 'admin', id: agent.id } : null,
      },
      source: {
        type: SOURCE_TYPES[c.channel] ?? 'conversation', id: String(++partSeq), delivered_as: 'customer_initiated', subject: '',
        body: htmlBody(first.text), author: customer, attachments: [], url: null, redacted: false,
      },
      contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: contact, external_id: null }] },
      teammates: null, first_contact_reply: null, sla_applied: null,
      statistics: {
        type: 'conversation_statistics',
        time_to_assignment: since(assignments[0]),
        time_to_admin_reply: since(adminReplies[0]),
        time_to_first_close: since(closes[0]?.created_at),
        time_to_last_close: since(closes.at(-1)?.created_at),
        median_time_to_reply: null,
        first_contact_reply_at: contactReplies[0] ?? null,
        first_assignment_at: assignments[0] ?? null,
        first_admin_reply_at: adminReplies[0] ?? null,
        first_close_at: closes[0]?.created_at ?? null,
        last_assignment_at: lastAssignmentAt ?? null,
        last_assignment_admin_reply_at: lastAssignmentAt === undefined ? null : adminReplies.find((at) => at >= lastAssignmentAt) ?? null,
        last_contact_reply_at: contactReplies.at(-1) ?? null,
        last_admin_reply_at: adminReplies.at(-1) ?? null,
        last_close_at: closes.at(-1)?.created_at ?? null,
        last_closed_by_id: closes.at(-1)?.author.id ?? null,
        count_reopens: 0,
        count_assignments: assignments.length,
        count_conversation_parts: parts.length,
      },
      conversation_parts: { type: 'conversation_part.list', conversation_parts: parts, total_count: parts.length },
    };
  };
}

/**
 * Folds CSV rows into conversations and hands each to `onConversation` once the data has moved `idleSeconds`
 * past its last row, oldest first; `end()` hands over the rest. Returns { row(fields), end() }.
 */
export function createCollector(idleSeconds, onConversation) {
  const open = new Map(); // id → conversation, in the order of first rows
  let index;
  let newestAt = -Infinity;
  let records = 0; // the header is record 1, so data row n is record n + 1
  const header = (fields) => {
    const names = fields.map((f) => f.replace(/^\uFEFF/, '').trim().toLowerCase());
    index = Object.fromEntries(COLUMNS.map((name) => [name, names.indexOf(name)]));
    const missing = COLUMNS.filter((name) => index[name] < 0 && name !== 'message');
    if (missing.length > 0) throw new InputProblem(`line 1: missing column(s) ${missing.join(', ')} (expected ${COLUMNS.join(',')})`);
  };
  const row = (fields) => {
    records++;
    if (index === undefined) return header(fields);
    const get = (name) => (index[name] >= 0 ? fields[index[name]] ?? '' : '');
    const id = get('conversation_id');
    const millis = Date.parse(get('timestamp'));
    const role = get('author_type');
    if (id === '' || !Number.isFinite(millis) || !ROLES.has(role)) {
      throw new InputProblem(`row ${records - 1}: needs a conversation_id, an ISO timestamp and an author_type (customer, agent, bot, system); got ${JSON.stringify(fields.slice(0, 3))}`);
    }
    const at = Math.floor(millis / 1000); // Intercom's times are epoch seconds
    let c = open.get(id);
    if (c === undefined) {
      if (role !== 'customer') throw new InputProblem(`row ${records - 1}: conversation ${id} starts with a ${role} row, not a customer one; the export is written for customer-initiated conversations`);
      c = { id, rows: [], agent: '', department: '', channel: '', rating: undefined, ratedAt: undefined, lastAt: at };
      open.set(id, c);
    }
    c.rows.push({ at, role, author: get('author_name'), text: get('message') });
    c.agent ||= get('agent');
    c.department ||= get('department');
    c.channel ||= get('channel');
    const rating = get('rating');
    if (rating !== '') {
      c.rating = Number(rating);
      c.ratedAt = at;
    }
    if (at > c.lastAt) c.lastAt = at;
    if (at > newestAt) newestAt = at;
    // Oldest first: stop at the first conversation still inside the window, so output stays in created_at order.
    for (const [key, oldest] of open) {
      if (oldest.lastAt >= newestAt - idleSeconds) break;
      open.delete(key);
      onConversation(oldest);
    }
    return undefined;
  };
  return {
    row,
    end() {
      if (index === undefined) throw new InputProblem('no header row: the input is empty');
      for (const c of open.values()) onConversation(c);
      open.clear();
    },
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const out = process.stdout;
  out.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let text = '{"type":"conversation.list","conversations":[\n';
  let written = 0;
  const toIntercom = createWriter();
  const collector = createCollector(options.idleHours * 3600, (c) => {
    text += `${written++ === 0 ? '' : ',\n'}${JSON.stringify(toIntercom(c))}`;
  });
  const parser = createCsvParser(collector.row);
  const input = options.from === '-' ? process.stdin : createReadStream(options.from, { highWaterMark: 1 << 20 });
  input.setEncoding('utf8');
  for await (const chunk of input) {
    parser.push(chunk);
    if (text.length >= FLUSH_CHARS) {
      if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
      text = '';
    }
  }
  parser.end();
  collector.end();
  // The page's counts are known only at the end, so they follow the array (key order carries no meaning in JSON).
  text += `\n],"total_count":${written},"pages":{"type":"pages","page":1,"per_page":${written},"total_pages":1,"next":null}}\n`;
  if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
}

// Run as a script (the test imports the pieces above without running it).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    if (error instanceof InputProblem) fail(error.message, 3);
    if (error?.code === 'ENOENT') fail(`--from: ${error.path} not found`, 2);
    fail(error?.stack ?? String(error), 1);
  });
}
