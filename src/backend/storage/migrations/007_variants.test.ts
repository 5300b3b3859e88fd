import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { findAdRef, getVariantSet, insertVariantAd, insertVariantSet, listVariants, variantIdOfTimeline, variantOfProject } from '../repos/variants';

const now = '2026-01-01T00:00:00.000Z';

describe('migration 007_variants', () => {
  it('keeps existing ads; a variant is an ad project with its timeline and variant row, found by its run, project or set', () => {
    const db = openDatabase(':memory:', { targetVersion: 6 });
    db.prepare("INSERT INTO ad_projects (id, title, brief_json, status, created_at, updated_at) VALUES ('p1', 'Luna', '{}', 'ready', ?, ?)").run(now, now);
    db.prepare("INSERT INTO runs (id, project_id, provider, status, input_json, created_at, updated_at) VALUES ('run-abcdefgh-1', 'p1', 'offline', 'succeeded', '{}', ?, ?)").run(now, now);
    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);

    insertVariantSet(db, { id: 'set-12345678', sourceProjectId: 'p1', name: 'luna', spec: { hooks: 2, ctas: 1, aspects: ['16:9'] }, createdAt: now });
    const v = { id: 'zv-set12345-B1-16x9', setId: 'set-12345678', projectId: 'p2', name: 'luna-hookB-cta1-16x9', hook: 'B', cta: 1, aspect: '16:9', hookLine: 'Why wait?', ctaLine: 'Order today', createdAt: now };
    insertVariantAd(db, { ...v, brandId: null, briefJson: '{}', lengthSeconds: 15, chatStage: 'generate_video', timelineId: 't2', timelineJson: '{}' });
    expect(db.prepare("SELECT status, current_timeline_id FROM ad_projects WHERE id = 'p2'").get()).toEqual({ status: 'ready', current_timeline_id: 't2' });
    expect(listVariants(db, 'set-12345678')).toEqual([v]);
    expect(variantOfProject(db, 'p2')?.id).toBe(v.id);
    expect(variantIdOfTimeline(db, 't2')).toBe(v.id);
    expect(getVariantSet(db, 'set-12345678')?.spec).toEqual({ hooks: 2, ctas: 1, aspects: ['16:9'] });
    // A variant row and its ad go together: the same project twice fails whole (no ad without its row).
    expect(() => insertVariantAd(db, { ...v, id: 'zv-other', brandId: null, briefJson: '{}', lengthSeconds: 15, chatStage: 'generate_video', timelineId: 't3', timelineJson: '{}' })).toThrow();
    expect(db.prepare("SELECT COUNT(*) AS n FROM timelines WHERE id = 't3'").get()).toEqual({ n: 0 });

    expect(findAdRef(db, 'run-abcdefgh-1')).toEqual({ kind: 'project', projectId: 'p1' });
    expect(findAdRef(db, 'run-abcd')).toEqual({ kind: 'project', projectId: 'p1' });
    expect(findAdRef(db, 'set-12345678')).toEqual({ kind: 'set', setId: 'set-12345678' });
    expect(findAdRef(db, 'run-')).toBeUndefined();
    expect(findAdRef(db, 'nothing-here')).toBeUndefined();
    // Deleting the variant's ad takes its variant row.
    db.prepare("DELETE FROM ad_projects WHERE id = 'p2'").run();
    expect(listVariants(db, 'set-12345678')).toEqual([]);
    db.close();
  });
});
