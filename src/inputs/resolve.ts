// Command-line paths → input sources: plain paths, globs (*, **, ?) and '-' for stdin.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';

export interface InputSource {
  /** As the user wrote it (or as a glob expanded it); '-' is stdin. */
  path: string;
  isStdin: boolean;
  /** Bytes on disk, for progress; absent for stdin. */
  size?: number;
}

const GLOB_CHARS = /[*?[]/;

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/**
 * One glob segment → RegExp. `*` and `?` never cross a '/', `[abc]` is a class; dot files match only when
 * the pattern names the dot, as in a shell.
 */
function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  const dotRule = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${dotRule}${re}$`);
}

/** Splits `data/2024-*\/**\/*.csv` into the literal base directory and the pattern segments after it. */
function splitGlob(pattern: string): { base: string; segments: string[] } {
  const parts = pattern.split(/[\\/]/);
  const baseParts: string[] = [];
  while (parts.length > 0 && !isGlob(parts[0]!)) baseParts.push(parts.shift()!);
  const base = baseParts.length === 0 ? '.' : baseParts.join('/') || '/';
  return { base, segments: parts };
}

async function listDir(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDir: e.isDirectory() }));
  } catch {
    return [];
  }
}

async function expand(dir: string, segments: readonly string[], out: string[]): Promise<void> {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === '**') {
    // `**` matches zero or more directories.
    await expand(dir, rest, out);
    for (const e of await listDir(dir)) {
      if (e.isDir && !e.name.startsWith('.')) await expand(path.join(dir, e.name), segments, out);
    }
    return;
  }
  const re = segmentRegExp(head);
  for (const e of await listDir(dir)) {
    if (!re.test(e.name)) continue;
    const full = dir === '.' ? e.name : path.join(dir, e.name);
    if (rest.length === 0) {
      if (!e.isDir) out.push(full);
    } else if (e.isDir) {
      await expand(full, rest, out);
    }
  }
}

/** Files a glob matches, sorted and de-duplicated (so runs are reproducible). */
export async function expandGlob(pattern: string): Promise<string[]> {
  const { base, segments } = splitGlob(pattern);
  const out: string[] = [];
  const prefix = pattern.startsWith('./') ? './' : '';
  await expand(base, segments, out);
  return [...new Set(out)].sort().map((p) => (prefix && !p.startsWith('/') && !p.startsWith('./') ? prefix + p : p));
}

async function fileSource(file: string): Promise<InputSource> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new InputError('FILE_NOT_FOUND', { file }, 'no such file', 'check the path; quote globs so the shell does not expand them');
  }
  if (info.isDirectory()) {
    throw new InputError('IS_DIRECTORY', { file }, 'is a directory, not a file',
      `give the files inside it, or a glob such as '${path.join(file, '*.csv')}'`);
  }
  return { path: file, isStdin: false, size: info.size };
}

export async function resolveInputs(patterns: readonly string[]): Promise<InputSource[]> {
  const sources: InputSource[] = [];
  for (const pattern of patterns) {
    if (pattern === '-') {
      sources.push({ path: '-', isStdin: true });
      continue;
    }
    // An existing file whose name has glob characters is taken literally.
    if (isGlob(pattern) && !(await exists(pattern))) {
      const files = await expandGlob(pattern);
      if (files.length === 0) {
        throw new InputError('NO_MATCH', { file: pattern }, 'the pattern matched no file', 'check the pattern; quote it so the shell does not expand it first');
      }
      for (const f of files) sources.push(await fileSource(f));
      continue;
    }
    sources.push(await fileSource(pattern));
  }
  return sources;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
