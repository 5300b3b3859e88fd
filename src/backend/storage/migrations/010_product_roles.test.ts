import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { insertAsset, listBrandAssets, setProductRole } from '../repos/assets';

describe('migration 010_product_roles', () => {
  it('pictures from before have no role (the defaults apply); SQLite refuses an unknown role', () => {
    const db = openDatabase(':memory:', { targetVersion: 9 });
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES ('b1', 'Luna', ?, ?)").run(now, now);
    const row = { brandId: 'b1', projectId: null, role: 'product' as const, kind: 'image' as const, originalSha256: null, thumbnailSha256: null, originalName: 'x.png', mime: 'image/png', width: 10, height: 10, durationMs: null, bytes: 1, probe: {}, createdAt: now };
    insertAsset(db, { ...row, id: 'a1', sha256: 'a'.repeat(64) });
    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    expect(listBrandAssets(db, 'b1', 'product').map((a) => a.productRole)).toEqual([null]);
    setProductRole(db, 'a1', 'lifestyle');
    expect(listBrandAssets(db, 'b1', 'product')[0]!.productRole).toBe('lifestyle');
    expect(() => db.prepare("UPDATE assets SET product_role = 'banner' WHERE id = 'a1'").run()).toThrow(/CHECK constraint/);
    db.close();
  });
});
