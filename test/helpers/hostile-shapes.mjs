#!/usr/bin/env node
// Writes the hostile input shapes of issue 6 (bounded memory) into a folder, for measuring peak RSS by hand:
//   node test/helpers/hostile-shapes.mjs /tmp/shapes [scale]
//   /usr/bin/time -f "%e s %M KB" node bin/chatkpi.js report /tmp/shapes/open-200k.csv
// Each CSV shape comes twice: `X.csv` (the fused fast path takes it) and `X.general.csv` (an extra `internal`
// column, which the fast path refuses, so the adapter → sessionizer → fold path reads it). `scale` (default 1)
// multiplies the row counts and the big field's size, so a test can write the same shapes small.
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

const HEADER = 'conversation_id,timestamp,author_type,author_name,agent,department,channel,message,rating';
const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Buffered line writer: awaits the stream only when it asks to (keeps the generator's own memory flat). */
function writer(path) {
  const out = createWriteStream(path);
  let parts = [];
  let size = 0;
  return {
    async write(s) {
      parts.push(s);
      size += s.length;
      if (size >= 1 << 20) await this.flush();
    },
    async flush() {
      if (parts.length === 0) return;
      const ok = out.write(parts.join(''));
      parts = [];
      size = 0;
      if (!ok) await once(out, 'drain');
    },
    async close() {
      await this.flush();
      out.end();
      await once(out, 'finish');
    },
  };
}

function csvRow(general, id, at, role, name, agent, message = 'hello') {
  const row = `${id},${iso(at)},${role},${name},${agent},Support,web,${message},`;
  return general ? `${row},\n` : `${row}\n`;
}

/** (a) n conversations open at once: every customer writes first, then every agent answers (6 h later). */
async function manyOpen(path, n, general) {
  const w = writer(path);
  await w.write(general ? `${HEADER},internal\n` : `${HEADER}\n`);
  for (let i = 0; i < n; i++) await w.write(csvRow(general, `C${i}`, T0 + i * 100, 'customer', `Cust ${i}`, 'Ana'));
  for (let i = 0; i < n; i++) await w.write(csvRow(general, `C${i}`, T0 + 6 * 3600_000 + i * 100, 'agent', 'Ana', 'Ana'));
  await w.close();
}

/** (b) one conversation of n messages, customer and agent in turn, one second apart. */
async function oneLong(path, n, general) {
  const w = writer(path);
  await w.write(general ? `${HEADER},internal\n` : `${HEADER}\n`);
  for (let i = 0; i < n; i++) {
    const isCustomer = i % 2 === 0;
    await w.write(csvRow(general, 'L1', T0 + i * 1000, isCustomer ? 'customer' : 'agent', isCustomer ? 'Bo' : 'Ana', 'Ana'));
  }
  await w.close();
}

/** A text of `bytes` bytes: 99 letters and a newline, repeated (a pasted log in one message). */
function bigText(bytes) {
  const line = `${'x'.repeat(99)}\n`;
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

/** (c) CSV: two normal conversations around one message whose quoted field holds `bytes` bytes with newlines. */
async function bigFieldCsv(path, bytes, general) {
  const w = writer(path);
  await w.write(general ? `${HEADER},internal\n` : `${HEADER}\n`);
  await w.write(csvRow(general, 'B1', T0, 'customer', 'Bo', 'Ana'));
  await w.write(csvRow(general, 'B1', T0 + 30_000, 'agent', 'Ana', 'Ana'));
  await w.write(csvRow(general, 'B2', T0 + 60_000, 'customer', 'Cy', 'Ana', `"${bigText(bytes)}"`));
  await w.write(csvRow(general, 'B2', T0 + 120_000, 'agent', 'Ana', 'Ana'));
  await w.close();
}

function jsonMessage(id, at, role, name, message = 'hello') {
  return JSON.stringify({ conversation_id: id, timestamp: iso(at), author_type: role, author_name: name, agent: 'Ana', department: 'Support', channel: 'web', message, rating: '' });
}

/** (c) JSON: the same four messages as a JSON array (`.json`) and as NDJSON (`.ndjson`). */
async function bigFieldJson(path, bytes, ndjson) {
  const w = writer(path);
  const rows = [
    jsonMessage('B1', T0, 'customer', 'Bo'),
    jsonMessage('B1', T0 + 30_000, 'agent', 'Ana'),
    jsonMessage('B2', T0 + 60_000, 'customer', 'Cy', bigText(bytes)),
    jsonMessage('B2', T0 + 120_000, 'agent', 'Ana'),
  ];
  await w.write(ndjson ? `${rows.join('\n')}\n` : `[\n${rows.join(',\n')}\n]\n`);
  await w.close();
}

/** (d) a JSON array whose second message carries an array nested `depth` levels deep. */
async function deepJson(path, depth, ndjson) {
  const w = writer(path);
  const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  const second = jsonMessage('D1', T0 + 30_000, 'agent', 'Ana').replace(/}$/, `,"meta":${deep}}`);
  const rows = [jsonMessage('D1', T0, 'customer', 'Bo'), second];
  await w.write(ndjson ? `${rows.join('\n')}\n` : `[\n${rows.join(',\n')}\n]\n`);
  await w.close();
}

const [dir = '/tmp/chatkpi-shapes', scaleArg = '1'] = process.argv.slice(2);
const scale = Number(scaleArg);
mkdirSync(dir, { recursive: true });
for (const general of [false, true]) {
  const ext = general ? '.general.csv' : '.csv';
  await manyOpen(join(dir, `open-200k${ext}`), Math.round(200_000 * scale), general);
  await oneLong(join(dir, `long-1m${ext}`), Math.round(1_000_000 * scale), general);
  await bigFieldCsv(join(dir, `field-50mb${ext}`), Math.round(50 * 1024 * 1024 * scale), general);
}
await bigFieldJson(join(dir, 'field-50mb.json'), Math.round(50 * 1024 * 1024 * scale), false);
await bigFieldJson(join(dir, 'field-50mb.ndjson'), Math.round(50 * 1024 * 1024 * scale), true);
await deepJson(join(dir, 'deep-10k.json'), 10_000, false);
await deepJson(join(dir, 'deep-10k.ndjson'), 10_000, true);
