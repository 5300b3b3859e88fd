import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { finishEditorExport, insertEditorExport, isExportedPath } from '../repos/timelines';

describe('migration 011_export_paths', () => {
  it('exports from before have no path; a finished export records where it was written, a failed one is never "ours"', () => {
    const db = openDatabase(':memory:', { targetVersion: 10 });
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO brands (id, name, created_at, updated_at) VALUES ('b1', 'Luna', ?, ?)").run(now, now);
    db.prepare("INSERT INTO ad_projects (id, brand_id, title, status, created_at, updated_at) VALUES ('p1', 'b1', 'Ad', 'ready', ?, ?)").run(now, now);
    db.prepare("INSERT INTO exports (id, project_id, preset, status, created_at) VALUES ('e0', 'p1', '16:9@720', 'done', ?)").run(now);
    migrate(db, 11);
    expect(schemaVersion(db)).toBe(11);
    expect(db.prepare("SELECT path FROM exports WHERE id = 'e0'").get()).toEqual({ path: null });
    insertEditorExport(db, { id: 'e1', projectId: 'p1', timelineId: null, preset: '9:16@720', now });
    finishEditorExport(db, 'e1', { status: 'done', errorMessage: null, durationMs: 1000, now, path: '/home/me/Videos/Ad 9x16 720p.mp4' });
    insertEditorExport(db, { id: 'e2', projectId: 'p1', timelineId: null, preset: '1:1@720', now });
    finishEditorExport(db, 'e2', { status: 'failed', errorMessage: 'x', durationMs: null, now, path: '/home/me/Videos/Ad 1x1 720p.mp4' });
    expect(isExportedPath(db, '/home/me/Videos/Ad 9x16 720p.mp4')).toBe(true);
    expect(isExportedPath(db, '/home/me/Videos/Ad 1x1 720p.mp4')).toBe(false);
    expect(isExportedPath(db, '/home/me/Videos/holiday.mp4')).toBe(false);
    db.close();
  });
});
