import { readFileSync } from 'node:fs';
import { FileError } from './file-error.js';
import { findJsonSyntaxError } from './json-syntax.js';

/** Editors on Windows may start a UTF-8 file with a byte order mark, which JSON.parse refuses. */
const BYTE_ORDER_MARK = '\uFEFF';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileError([`${file}: no such file`]);
    if (code === 'EISDIR') throw new FileError([`${file}: expected a JSON file, got a folder`]);
    throw new FileError([`${file}: cannot read: ${(e as Error).message}`]);
  }
}

/** Reads and parses a JSON file; a syntax error is reported as `file:line:column: message`. */
export function readJsonFile(file: string): unknown {
  const raw = readText(file);
  const text = raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(BYTE_ORDER_MARK.length) : raw;
  try {
    return JSON.parse(text);
  } catch (e) {
    const where = findJsonSyntaxError(text);
    if (!where) throw new FileError([`${file}: invalid JSON: ${(e as Error).message}`]);
    throw new FileError([`${file}:${where.line}:${where.column}: invalid JSON: ${where.message}`]);
  }
}
