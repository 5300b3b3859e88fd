import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { getBrand, setBrandFont } from '../repos/brands';
import { mediaReferences } from '../repos/assets';

const now = '2026-01-01T00:00:00.000Z';

describe('migration 012_brand_font', () => {
  it('keeps every brand (with the default font); a font can then be stored, cleared, and its file counts as referenced', () => {
    const db = openDatabase(':memory:', { targetVersion: 11 });
    db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES ('b1', 'Acme', ?, ?)").run(now, now);
    const before = db.prepare('SELECT * FROM brands').get() as Record<string, unknown>;
    migrate(db, 12);
    expect(schemaVersion(db)).toBe(12);
    expect(db.prepare('SELECT * FROM brands').get()).toEqual({ ...before, font: null });
    expect(getBrand(db, 'b1')?.font).toBeNull();
    setBrandFont(db, 'b1', 'oswald', now);
    expect(getBrand(db, 'b1')?.font).toBe('oswald');
    const sha = 'c'.repeat(64);
    expect(mediaReferences(db)(sha)).toBe(false);
    setBrandFont(db, 'b1', `file:${sha}`, now);
    expect(mediaReferences(db)(sha)).toBe(true);
    setBrandFont(db, 'b1', null, now);
    expect(getBrand(db, 'b1')?.font).toBeNull();
    expect(() => db.prepare("UPDATE brands SET font = '' WHERE id = 'b1'").run()).toThrow(/CHECK constraint/);
    db.close();
  });
});
