#!/usr/bin/env node
// One benchmark measurement per process: `node bench/tasks.mjs TASK FILE` prints one JSON line with what it
// counted, so the parent times a cold process and reads its peak RSS without the parent's own memory mixed in.
//
// Tasks: startup (nothing), read (createReadStream, sum bytes: the floor), gunzip (read + zlib, sum bytes: the .gz floor),
// csv-parse and papaparse (raw streaming parse, count records), duckdb (read_csv + the KPI query).
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { kpiSql } from './lib.mjs';

const CHUNK = 1 << 20; // same order as the project's reader; 64 KiB chunks cost ~10% on the floor

async function sumBytes(stream) {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  return { bytes };
}

async function csvParse(file) {
  const { parse } = await import('csv-parse');
  let records = 0;
  // Defaults on purpose: this row is "what a plain csv-parse pipeline costs", arrays of strings per record.
  for await (const record of createReadStream(file, { highWaterMark: CHUNK }).pipe(parse())) {
    if (record.length > 0) records++;
  }
  return { records: records - 1 }; // minus the header
}

async function papaparse(file) {
  const { default: Papa } = await import('papaparse');
  return new Promise((resolve, reject) => {
    let records = 0;
    Papa.parse(createReadStream(file, { highWaterMark: CHUNK, encoding: 'utf8' }), {
      skipEmptyLines: true,
      chunk: (results) => { records += results.data.length; },
      complete: () => resolve({ records: records - 1 }),
      error: reject,
    });
  });
}

async function duckdb(file) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run('SET threads=2');
  const reader = await connection.runAndReadAll(kpiSql(file));
  const [row] = reader.getRowObjectsJS();
  // BIGINT counts come back as bigint; the answer is compared as plain numbers.
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null ? null : Number(value)]));
}

const TASKS = {
  startup: async () => ({}), // a bare Node process with this file loaded: what every other row pays first
  read: (file) => sumBytes(createReadStream(file, { highWaterMark: CHUNK })),
  gunzip: (file) => sumBytes(createReadStream(file, { highWaterMark: CHUNK }).pipe(createGunzip({ chunkSize: CHUNK }))),
  'csv-parse': csvParse,
  papaparse,
  duckdb,
};

const [task, file] = process.argv.slice(2);
const run = TASKS[task];
if (!run || !file) {
  process.stderr.write(`usage: node bench/tasks.mjs ${Object.keys(TASKS).join('|')} FILE\n`);
  process.exit(2);
}
const result = await run(file);
// Without /usr/bin/time the parent reads the peak RSS from here (KiB, as GNU time's %M).
process.stdout.write(`${JSON.stringify({ ...result, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
