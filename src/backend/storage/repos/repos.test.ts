import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../database';
import {
  adCountsByBrand, assetsByBrand, brandMediaShas, countBrandAds, deleteAsset, deleteBrand, deleteBrandAds, deleteSetting, getAllSettings,
  getAsset, getBrand, getSetting, insertAsset, insertBrand, isMediaReferenced, listBrandAssets, listBrands, mediaReferences, setSetting,
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

  it('keeps media that an ad still uses after its asset row is gone (timeline overlay, run input and steps, brand style)', () => {
    const hex = (c: string) => c.repeat(64);
    insertBrand(db, brand('b1', 'B'));
    db.prepare("INSERT INTO ad_projects (id, brand_id, title, created_at, updated_at) VALUES ('p1', 'b1', 'Ad', ?, ?)").run(t(0), t(0));
    insertAsset(db, asset('a1', 'b1', hex('a')));
    // The ad's timeline overlays the product image; its run read it by path; a step produced a clip.
    db.prepare("INSERT INTO timelines (id, project_id, version, document_json, created_at) VALUES ('tl1', 'p1', 1, ?, ?)").run(JSON.stringify({ tracks: [{ clips: [{ media: hex('a') }] }] }), t(0));
    db.prepare("INSERT INTO runs (id, project_id, provider, status, input_json, created_at, updated_at) VALUES ('r1', 'p1', 'offline', 'succeeded', ?, ?, ?)").run(JSON.stringify({ brief: { product: { images: [`/data/media/bb/${hex('b')}`] } } }), t(0), t(0));
    db.prepare("INSERT INTO run_steps (run_id, step_id, status, output_json) VALUES ('r1', 'scene:1', 'done', ?)").run(JSON.stringify({ media: hex('c') }));
    db.prepare("INSERT INTO lora_models (id, brand_id, status, provider, preview_json, created_at, updated_at) VALUES ('l1', 'b1', 'ready', 'offline', ?, ?, ?)").run(JSON.stringify({ custom: hex('d') }), t(0), t(0));
    deleteAsset(db, 'a1');
    const used = mediaReferences(db);
    for (const c of ['a', 'b', 'c', 'd']) expect(used(hex(c)), c).toBe(true);
    expect(used(hex('e'))).toBe(false);
    expect(isMediaReferenced(db, hex('a'))).toBe(true);
    // Deleting the brand: its ads' generated media and style previews are its to clean up too.
    expect(brandMediaShas(db, 'b1').sort()).toEqual([hex('a'), hex('b'), hex('c'), hex('d')]);
    db.prepare("DELETE FROM ad_projects WHERE id = 'p1'").run();
    db.prepare("DELETE FROM lora_models WHERE id = 'l1'").run();
    expect(isMediaReferenced(db, hex('a'))).toBe(false);
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
