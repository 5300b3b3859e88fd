import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { deleteAsset, getAsset, getBrandLogo, insertAsset, listBrandAssets, type AssetRecord } from '../repos/assets';

const now = '2026-01-01T00:00:00.000Z';
const asset = (id: string, role: AssetRecord['role']): Omit<AssetRecord, 'position'> => ({
  id, brandId: 'b1', projectId: null, role, kind: 'image', sha256: 'a'.repeat(64), originalSha256: null, thumbnailSha256: 'b'.repeat(64),
  originalName: `${id}.png`, mime: 'image/png', width: 600, height: 200, durationMs: null, bytes: 10, probe: { warnings: [] }, createdAt: now,
});

describe('migration 008_brand_logo', () => {
  it("keeps every asset as it was; a brand holds at most one 'logo' asset, which cascades with the brand", () => {
    const db = openDatabase(':memory:', { targetVersion: 7 });
    db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES ('b1', 'Acme', ?, ?)").run(now, now);
    insertAsset(db, { ...asset('p1', 'product'), position: 3 });
    // Before 008 the role does not exist.
    expect(() => insertAsset(db, asset('early', 'logo'))).toThrow(/CHECK constraint/);
    const before = db.prepare('SELECT * FROM assets').all();

    migrate(db, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT * FROM assets').all()).toEqual(before);
    expect(getAsset(db, 'p1')).toMatchObject({ role: 'product', position: 3, probe: { warnings: [] } });
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'assets' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['assets_brand', 'assets_one_logo', 'assets_original_sha', 'assets_project', 'assets_sha', 'assets_thumbnail_sha']);

    insertAsset(db, asset('l1', 'logo'));
    expect(getBrandLogo(db, 'b1')?.id).toBe('l1');
    expect(listBrandAssets(db, 'b1', 'product').map((a) => a.id)).toEqual(['p1']);
    expect(() => insertAsset(db, asset('l2', 'logo'))).toThrow(/UNIQUE constraint/);
    expect(() => insertAsset(db, asset('x', 'poster' as AssetRecord['role']))).toThrow(/CHECK constraint/);
    // Replacing is delete + insert.
    deleteAsset(db, 'l1');
    insertAsset(db, asset('l2', 'logo'));
    expect(getBrandLogo(db, 'b1')?.id).toBe('l2');

    db.prepare("DELETE FROM brands WHERE id = 'b1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM assets').get()).toEqual({ n: 0 });
    db.close();
  });
});
