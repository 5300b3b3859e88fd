import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../database';
import {
  adCountsByBrand, assetsByBrand, brandMediaShas, countBrandAds, deleteAsset, deleteBrand, deleteBrandAds, deleteSetting, getAllSettings,
  getAsset, getBrand, getSetting, insertAsset, insertBrand, isMediaReferenced, listBrandAssets, listBrands, setSetting,
  updateBrand, type AssetRecord,
} from '.';

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const brand = (id: string, name: string, at = t(0)) => ({ id, name, description: '', guidelines: '', colors: [], createdAt: at, updatedAt: at });
const asset = (id: string, brandId: string, sha: string): Omit<AssetRecord, 'position'> => ({
  id, brandId, projectId: null, role: 'product', kind: 'image', sha256: sha, originalSha256: null, thumbnailSha256: `${sha}-thumb`,
  originalName: 'a.png', mime: 'image/png', width: 10, height: 20, durationMs: null, bytes: 100, probe: { codec: 'png' }, createdAt: t(1),
});

describe('repositories', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });

  it('round-trips brands exactly, including emoji, RTL and combining characters', () => {
    const name = '🍋 ليمون Café 👩🏽‍🚀 שלום';
    insertBrand(db, { ...brand('b1', name), colors: ['#FF0000', '#00ff00'], guidelines: 'line1\nline2' });
    expect(getBrand(db, 'b1')).toMatchObject({ name, colors: ['#FF0000', '#00ff00'], guidelines: 'line1\nline2' });
  });

  it('lists newest first and updates only the given fields', () => {
    insertBrand(db, brand('old', 'Old', t(1)));
    insertBrand(db, brand('new', 'New', t(2)));
    expect(listBrands(db).map((b) => b.id)).toEqual(['new', 'old']);
    const updated = updateBrand(db, 'old', { description: 'D' }, t(3));
    expect(updated).toMatchObject({ name: 'Old', description: 'D', updatedAt: t(3) });
    expect(updateBrand(db, 'missing', { name: 'x' }, t(3))).toBeUndefined();
  });

  it('counts ads per brand and deletes them on request, so the brand can go', () => {
    insertBrand(db, brand('b1', 'B'));
    insertBrand(db, brand('b2', 'C'));
    const ad = db.prepare("INSERT INTO ad_projects (id, brand_id, title, created_at, updated_at) VALUES (?, ?, 'Ad', ?, ?)");
    ad.run('p1', 'b1', t(0), t(0));
    ad.run('p2', 'b1', t(0), t(0));
    expect(countBrandAds(db, 'b1')).toBe(2);
    expect(adCountsByBrand(db).get('b1')).toBe(2);
    expect(adCountsByBrand(db).get('b2')).toBeUndefined();
    expect(() => deleteBrand(db, 'b1')).toThrow(/FOREIGN KEY/);
    expect(deleteBrandAds(db, 'b1')).toBe(2);
    expect(deleteBrand(db, 'b1')).toBe(true);
    expect(deleteBrand(db, 'b1')).toBe(false);
  });

  it('stores assets in order and knows which media a brand references', () => {
    insertBrand(db, brand('b1', 'B'));
    const a = insertAsset(db, asset('a1', 'b1', 'sha1'));
    const b = insertAsset(db, { ...asset('a2', 'b1', 'sha2'), originalSha256: 'sha2-orig' });
    expect([a.position, b.position]).toEqual([0, 1]);
    expect(listBrandAssets(db, 'b1').map((x) => x.id)).toEqual(['a1', 'a2']);
    expect(assetsByBrand(db, 'product').get('b1')?.map((x) => x.id)).toEqual(['a1', 'a2']);
    expect(getAsset(db, 'a1')?.probe).toEqual({ codec: 'png' });
    expect(brandMediaShas(db, 'b1').sort()).toEqual(['sha1', 'sha1-thumb', 'sha2', 'sha2-orig', 'sha2-thumb']);
    expect(isMediaReferenced(db, 'sha2-orig')).toBe(true);
    deleteAsset(db, 'a2');
    expect(isMediaReferenced(db, 'sha2-orig')).toBe(false);
    deleteBrand(db, 'b1');
    expect(listBrandAssets(db, 'b1')).toEqual([]);
  });

  it('stores settings as JSON values', () => {
    expect(getSetting(db, 'locale')).toBeUndefined();
    setSetting(db, 'locale', 'en');
    setSetting(db, 'proxyUrl', 'https://p.example');
    setSetting(db, 'locale', 'en');
    expect(getAllSettings(db)).toEqual({ locale: 'en', proxyUrl: 'https://p.example' });
    deleteSetting(db, 'proxyUrl');
    expect(getAllSettings(db)).toEqual({ locale: 'en' });
  });
});
