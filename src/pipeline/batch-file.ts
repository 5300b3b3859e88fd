/**
 * A batch file: many briefs, one per row (`zapcut batch`). JSONL holds one brief object per line;
 * CSV has a header row naming brief fields in dotted form (`brand.name`, `product.images`, …; see
 * README "Batch"). Every row is checked with the one brief format (./brief.ts) before anything
 * runs: a bad row gets an error naming its row, line and field, and the other rows still run.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import { AppError, toErrorShape } from '../shared/errors';
import type { Aspect } from '../shared/domain/aspect';
import { parseBrief, type AdLength, type ResolvedBrief } from './brief';

/** A batch file larger than this is refused before it is parsed (briefs are a few KB each). */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
export const MAX_BATCH_ROWS = 1000;

/** CSV cells that hold a list, separated by `|` (a comma would clash with CSV quoting habits). */
const LIST_COLUMNS = new Set(['brand.colors', 'product.images']);
const NUMBER_COLUMNS = new Set(['lengthSeconds', 'scenesHint']);

export interface BatchRow {
  /** 1-based: the first ad is row 1. */
  row: number;
  /** The line in the file where the row starts (CSV: the header is line 1). */
  line: number;
  brief: ResolvedBrief | null;
  /** Why the row cannot run: one line per problem, each naming the field. */
  error: string | null;
  /** The row's product name as written (also for a row that is not a valid brief), for lists. */
  name?: string | null;
}

export interface BatchFile {
  path: string;
  format: 'csv' | 'jsonl';
  /** sha256 of the file's bytes: the same file run again resumes its batch. */
  sha256: string;
  rows: BatchRow[];
}

type RawRow = { row: number; line: number; value: unknown } | { row: number; line: number; error: string };

export function batchFormat(file: string): 'csv' | 'jsonl' {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new AppError('VALIDATION', `"${file}" is neither .csv nor .jsonl: a batch is a CSV file with a header row, or a JSONL file with one brief per line (README "Batch").`);
}

export async function readBatchFile(file: string, overrides: { lengthSeconds?: AdLength; aspect?: Aspect } = {}): Promise<BatchFile> {
  const format = batchFormat(file);
  const size = await stat(file).then((s) => (s.isFile() ? s.size : -1), () => -1);
  if (size < 0) throw new AppError('NOT_FOUND', `Cannot read the batch file "${file}": check the path.`);
  if (size > MAX_BATCH_BYTES) throw new AppError('VALIDATION', `The batch file "${file}" is ${(size / 1e6).toFixed(1)} MB; a batch file may be up to ${MAX_BATCH_BYTES / 1024 / 1024} MB (${MAX_BATCH_ROWS} rows). Split it.`);
  const bytes = await readFile(file);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const raw = format === 'csv' ? csvRows(text, file) : jsonlRows(text);
  if (raw.length === 0) throw new AppError('VALIDATION', `The batch file "${file}" has no rows.`);
  if (raw.length > MAX_BATCH_ROWS) throw new AppError('VALIDATION', `The batch file "${file}" has ${raw.length} rows; a batch may have up to ${MAX_BATCH_ROWS}. Split it.`);
  const baseDir = dirname(resolve(file));
  const rows: BatchRow[] = [];
  for (const r of raw) {
    const where = `Row ${r.row} (line ${r.line})`;
    if ('error' in r) {
      rows.push({ row: r.row, line: r.line, brief: null, error: r.error });
      continue;
    }
    try {
      const brief = await parseBrief(r.value, baseDir, { title: where, of: `row ${r.row}`, file: 'batch' }, overrides);
      rows.push({ row: r.row, line: r.line, brief, error: null, name: brief.product.name });
    } catch (err) {
      rows.push({ row: r.row, line: r.line, brief: null, error: describeRowError(err), name: writtenName(r.value) });
    }
  }
  return { path: resolve(file), format, sha256: createHash('sha256').update(bytes).digest('hex'), rows };
}

function writtenName(value: unknown): string | null {
  const product = value && typeof value === 'object' ? (value as { product?: unknown }).product : undefined;
  const name = product && typeof product === 'object' ? (product as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 120) : null;
}

/** A row's problems, one `field: what is wrong` per line (the schema's issues), else the message. */
function describeRowError(err: unknown): string {
  const e = toErrorShape(err);
  if (e.code === 'VALIDATION' && Array.isArray(e.details) && e.details.length) {
    return (e.details as z.core.$ZodIssue[]).map((i) => issueLine(i)).join('\n');
  }
  return e.message;
}

function issueLine(i: z.core.$ZodIssue): string {
  const field = i.path.map(String).join('.');
  if (i.code === 'unrecognized_keys') return `${i.keys.map((k) => (field ? `${field}.${k}` : k)).join(', ')}: not a brief field (README "Brief format" lists them)`;
  return `${field || '(the row)'}: ${i.message}`;
}

function jsonlRows(text: string): RawRow[] {
  const out: RawRow[] = [];
  for (const [n, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const row = out.length + 1;
    try {
      out.push({ row, line: n + 1, value: JSON.parse(line) as unknown });
    } catch (err) {
      out.push({ row, line: n + 1, error: `not valid JSON (${(err as Error).message}); each line of a JSONL batch is one brief object` });
    }
  }
  return out;
}

function csvRows(text: string, file: string): RawRow[] {
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parseCsv(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    throw new AppError('VALIDATION', `The batch file "${file}" is not valid CSV: ${(err as Error).message}. The first row names the columns (README "Batch").`);
  }
  const [header, ...body] = records;
  if (!header) return [];
  const columns = header.record;
  const dupe = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dupe !== undefined) throw new AppError('VALIDATION', `The batch file "${file}" names the column "${dupe}" twice. The first row names each brief field once (README "Batch").`);
  // The line a record starts on: after the previous record's last byte, past line breaks.
  const bytes = Buffer.from(text);
  const lineAt = (from: number) => {
    let i = from;
    while (bytes[i] === 0x0a || bytes[i] === 0x0d) i++;
    let n = 1;
    for (let j = 0; j < i; j++) if (bytes[j] === 0x0a) n++;
    return n;
  };
  return body.map((r, i) => {
    const line = lineAt(records[i]!.info.bytes);
    if (r.record.length !== columns.length) return { row: i + 1, line, error: `has ${r.record.length} cells; the header names ${columns.length} columns (a cell with a comma needs "quotes")` };
    try {
      return { row: i + 1, line, value: csvRecordToBrief(Object.fromEntries(columns.map((c, k) => [c, r.record[k]!]))) };
    } catch (err) {
      return { row: i + 1, line, error: (err as Error).message };
    }
  });
}

/** `{ "brand.name": "Acme", "product.images": "a.png|b.png", "lengthSeconds": "15" }` → a brief-shaped object. */
export function csvRecordToBrief(record: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    if (cell === '') continue;
    const keys = column.split('.');
    let target = out;
    for (const k of keys.slice(0, -1)) {
      const next = target[k];
      if (next !== undefined && (typeof next !== 'object' || next === null)) throw new Error(`${column}: the column clashes with column ${k}`);
      target = (target[k] ??= {}) as Record<string, unknown>;
    }
    target[keys.at(-1)!] = csvCell(column, cell);
  }
  return out;
}

function csvCell(column: string, cell: string): unknown {
  if (LIST_COLUMNS.has(column)) return cell.split('|').map((s) => s.trim()).filter(Boolean);
  if (NUMBER_COLUMNS.has(column) && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  // A structured field (a list or an object) may be written as JSON in its cell.
  if (/^[[{]/.test(cell)) {
    try {
      return JSON.parse(cell) as unknown;
    } catch {
      throw new Error(`${column}: the cell starts like JSON but is not valid JSON`);
    }
  }
  return cell;
}
