import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';

const now = '2026-01-01T00:00:00.000Z';
const insert = "INSERT INTO lora_models (id, brand_id, status, provider, created_at, updated_at) VALUES (?, 'b1', ?, 'offline', ?, ?)";

describe('migration 002_one_training_per_brand', () => {
  it('keeps existing rows and refuses a second training row for the same brand', () => {
    const db = openDatabase(':memory:', { targetVersion: 1 });
    db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES ('b1', 'B', ?, ?)").run(now, now);
    db.prepare(insert).run('l1', 'failed', now, now);
    db.prepare(insert).run('l2', 'training', now, now);
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM lora_models').get()).toEqual({ n: 2 });
    expect(() => db.prepare(insert).run('l3', 'training', now, now)).toThrow(/UNIQUE/);
    db.prepare(insert).run('l4', 'ready', now, now);
    db.prepare("UPDATE lora_models SET status = 'failed' WHERE id = 'l2'").run();
    db.prepare(insert).run('l5', 'training', now, now);
    db.close();
  });
});
