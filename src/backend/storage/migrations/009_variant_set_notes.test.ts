import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { insertVariantSet, listSetsOfSource, setVariantSetNotes } from '../repos/variants';

const now = '2026-01-01T00:00:00.000Z';

describe('migration 009_variant_set_notes', () => {
  it('keeps existing sets with no reasons; a set stores and lists its reasons', () => {
    const db = openDatabase(':memory:', { targetVersion: 8 });
    db.prepare("INSERT INTO ad_projects (id, title, brief_json, status, created_at, updated_at) VALUES ('p1', 'Luna', '{}', 'ready', ?, ?)").run(now, now);
    insertVariantSet(db, { id: 'old-set', sourceProjectId: 'p1', name: 'luna', spec: { hooks: 2, ctas: 1, aspects: ['16:9'] }, createdAt: now });
    migrate(db, 9);
    expect(schemaVersion(db)).toBe(9);
    expect(listSetsOfSource(db, 'p1')).toEqual([{ id: 'old-set', sourceProjectId: 'p1', name: 'luna', spec: { hooks: 2, ctas: 1, aspects: ['16:9'] }, createdAt: now, notes: [] }]);

    insertVariantSet(db, { id: 'new-set', sourceProjectId: 'p1', name: 'luna', spec: { hooks: 3, ctas: 1, aspects: ['9:16'] }, createdAt: '2026-01-02T00:00:00.000Z' });
    setVariantSetNotes(db, 'new-set', ['Hook C’s line did not fit its 2.5 s; the offline writer’s replaced it.']);
    const sets = listSetsOfSource(db, 'p1');
    expect(sets.map((s) => s.id)).toEqual(['new-set', 'old-set']);
    expect(sets[0]!.notes).toEqual(['Hook C’s line did not fit its 2.5 s; the offline writer’s replaced it.']);
    db.close();
  });
});
