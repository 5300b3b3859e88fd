import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate, schemaVersion } from '../migrate';
import { insertPost, interruptLivePosts, listPosts, saveConnection, getConnection, updatePost, type PostRow } from '../repos/social';

const now = '2026-01-01T00:00:00.000Z';
const post = (id: string, key: string, over: Partial<PostRow> = {}): PostRow => ({
  id, idempotencyKey: key, network: 'x', configOrigin: 'http://127.0.0.1:8799', accountId: '1', accountName: 'Luna', projectId: 'p1', exportId: null, sourceKind: 'media', sourceRef: 'a'.repeat(64),
  aspect: '16:9', caption: 'Hi', status: 'queued', uploadJson: null, postAttemptedAt: null, remoteId: null, remoteUrl: null, errorCode: null, errorMessage: null, createdAt: now, updatedAt: now, postedAt: null, ...over,
});

describe('migration 004_social_posts', () => {
  it('keeps existing ads, records posts once per idempotency key and one live post per file and network', () => {
    const db = openDatabase(':memory:', { targetVersion: 3 });
    db.prepare("INSERT INTO ad_projects (id, title, created_at, updated_at) VALUES ('p1', 'Ad', ?, ?)").run(now, now);
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT COUNT(*) AS n FROM ad_projects').get()).toEqual({ n: 1 });

    expect(insertPost(db, post('s1', 'k1')).created).toBe(true);
    // A double click sends the same key: the same row comes back.
    expect(insertPost(db, post('s2', 'k1'))).toMatchObject({ created: false, row: { id: 's1' } });
    // Another attempt on the same file while the first is live is refused by the database itself.
    expect(() => insertPost(db, post('s3', 'k3'))).toThrow(/UNIQUE/);
    expect(insertPost(db, post('s4', 'k4', { network: 'linkedin' })).created).toBe(true);
    updatePost(db, 's1', { status: 'uploading', uploadJson: '{"mediaId":"9"}' }, now);
    expect(interruptLivePosts(db, '2026-01-01T00:00:30.000Z', '2026-01-01T00:00:10.000Z')).toBe(2);
    expect(interruptLivePosts(db, '2026-01-01T00:01:00.000Z', now)).toBe(0); // nothing live is older than its heartbeat
    expect(listPosts(db, { projectId: 'p1' }).map((p) => [p.id, p.status, p.errorCode, p.uploadJson])).toEqual([
      ['s4', 'failed', 'INTERRUPTED', null],
      ['s1', 'failed', 'INTERRUPTED', '{"mediaId":"9"}'],
    ]);
    // Deleting the ad keeps the history (the posts still exist on the network).
    db.prepare("DELETE FROM ad_projects WHERE id = 'p1'").run();
    expect(listPosts(db).map((p) => p.projectId)).toEqual([null, null]);

    saveConnection(db, { network: 'x', configOrigin: 'o', accountId: '1', accountName: 'Luna', accountHandle: '@luna', avatarDataUrl: null, status: 'connected', problem: null, connectedAt: now, updatedAt: now });
    expect(getConnection(db, 'x', 'o')?.accountHandle).toBe('@luna');
    db.close();
  });
});
