import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';

const tables = [
  'settings', 'brands', 'ad_projects', 'assets', 'creative_bibles', 'lora_models', 'chat_messages',
  'storyboards', 'runs', 'run_steps', 'timelines', 'exports', 'safety_violations',
];
const now = '2026-01-01T00:00:00.000Z';

describe('migration 001_initial', () => {
  it('goes from an empty database (version 0) to the full schema', () => {
    const db = openDatabase(':memory:', { targetVersion: 0 });
    expect(schemaVersion(db)).toBe(0);
    // Version 0 has no tables; an app-created row cannot exist yet — the "insert" step is the
    // foreign-key pragma state the migration must respect.
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(names.sort()).toEqual([...tables].sort());
    db.close();
  });

  it('enforces the delete rules: assets cascade with their brand, ads RESTRICT it, steps cascade with runs', () => {
    const db = openDatabase(':memory:', { targetVersion: 1 });
    db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES ('b1', 'B', ?, ?)").run(now, now);
    db.prepare(
      "INSERT INTO assets (id, brand_id, kind, sha256, mime, bytes, created_at) VALUES ('a1', 'b1', 'image', 'x', 'image/png', 1, ?)",
    ).run(now);
    db.prepare("INSERT INTO ad_projects (id, brand_id, title, created_at, updated_at) VALUES ('p1', 'b1', 'Ad', ?, ?)").run(now, now);
    db.prepare("INSERT INTO runs (id, project_id, provider, status, input_json, created_at, updated_at) VALUES ('r1', 'p1', 'offline', 'running', '{}', ?, ?)").run(now, now);
    db.prepare("INSERT INTO run_steps (run_id, step_id, status) VALUES ('r1', 'bible', 'done')").run();

    expect(() => db.prepare("DELETE FROM brands WHERE id = 'b1'").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM ad_projects WHERE id = 'p1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM run_steps').get()).toEqual({ n: 0 });
    db.prepare("DELETE FROM brands WHERE id = 'b1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM assets').get()).toEqual({ n: 0 });
    expect(() =>
      db.prepare("INSERT INTO assets (id, brand_id, kind, sha256, mime, bytes, created_at) VALUES ('a2', 'nope', 'image', 'x', 'image/png', 1, ?)").run(now),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('rejects values outside the CHECK constraints', () => {
    const db = openDatabase(':memory:', { targetVersion: 1 });
    expect(() =>
      db.prepare("INSERT INTO assets (id, kind, sha256, mime, bytes, created_at) VALUES ('a', 'pdf', 'x', 'application/pdf', 1, ?)").run(now),
    ).toThrow(/CHECK/);
    db.close();
  });
});
