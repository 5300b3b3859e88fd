/** Key → JSON value settings. The service validates values with zod; this layer only stores them. */
import type { Db } from '../database';

export function getSetting(db: Db, key: string): unknown {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value_json) as unknown);
}

export function getAllSettings(db: Db): Record<string, unknown> {
  const rows = db.prepare('SELECT key, value_json FROM settings ORDER BY key').all() as { key: string; value_json: string }[];
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
}

export function setSetting(db: Db, key: string, value: unknown): void {
  if (value === undefined) throw new Error(`setting ${key}: undefined is not storable; use deleteSetting`);
  db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json',
  ).run(key, JSON.stringify(value));
}

export function deleteSetting(db: Db, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}
