import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { getRun, saveCharge } from '../repos/runs';

const now = '2026-01-01T00:00:00.000Z';

describe('migration 003_run_charge', () => {
  it('keeps existing runs (no charge) and stores a charge on a run', () => {
    const db = openDatabase(':memory:', { targetVersion: 2 });
    db.prepare("INSERT INTO runs (id, provider, status, input_json, created_at, updated_at) VALUES ('r1', 'offline', 'succeeded', '{}', ?, ?)").run(now, now);
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(getRun(db, 'r1')).toMatchObject({ id: 'r1', status: 'succeeded', charge: null });
    saveCharge(db, 'r1', { videoId: 'v1', source: 'credits', costCents: 150, status: 'reserved' });
    expect(getRun(db, 'r1')?.charge).toEqual({ videoId: 'v1', source: 'credits', costCents: 150, status: 'reserved' });
    expect(db.prepare("SELECT reservation_id FROM runs WHERE id = 'r1'").get()).toEqual({ reservation_id: 'v1' });
    db.close();
  });
});
