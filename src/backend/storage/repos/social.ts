/** Social connections (who is connected, never the tokens) and the post history (issue 24). */
import type { Db } from '../database';

export type PostStatus = 'queued' | 'preparing' | 'uploading' | 'processing' | 'posting' | 'posted' | 'failed' | 'cancelled';
export const LIVE_POST_STATUSES: readonly PostStatus[] = ['queued', 'preparing', 'uploading', 'processing', 'posting'];

export interface ConnectionRow {
  network: string;
  configOrigin: string;
  accountId: string;
  accountName: string;
  accountHandle: string | null;
  avatarDataUrl: string | null;
  status: 'connected' | 'needs_reconnect';
  problem: string | null;
  connectedAt: string;
  updatedAt: string;
}

export interface PostRow {
  id: string;
  idempotencyKey: string;
  network: string;
  configOrigin: string;
  accountId: string;
  accountName: string;
  projectId: string | null;
  exportId: string | null;
  sourceKind: 'media' | 'file';
  sourceRef: string;
  aspect: string;
  caption: string;
  status: PostStatus;
  uploadJson: string | null;
  postAttemptedAt: string | null;
  remoteId: string | null;
  remoteUrl: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  updatedAt: string;
  postedAt: string | null;
}

const connCols = `network, config_origin AS configOrigin, account_id AS accountId, account_name AS accountName, account_handle AS accountHandle,
  avatar_data_url AS avatarDataUrl, status, problem, connected_at AS connectedAt, updated_at AS updatedAt`;
const postCols = `id, idempotency_key AS idempotencyKey, network, config_origin AS configOrigin, account_id AS accountId, account_name AS accountName,
  project_id AS projectId, export_id AS exportId, source_kind AS sourceKind, source_ref AS sourceRef, aspect, caption, status, upload_json AS uploadJson,
  post_attempted_at AS postAttemptedAt, remote_id AS remoteId, remote_url AS remoteUrl, error_code AS errorCode, error_message AS errorMessage,
  created_at AS createdAt, updated_at AS updatedAt, posted_at AS postedAt`;

export function saveConnection(db: Db, c: ConnectionRow): void {
  db.prepare(
    `INSERT INTO social_connections (network, config_origin, account_id, account_name, account_handle, avatar_data_url, status, problem, connected_at, updated_at)
     VALUES (@network, @configOrigin, @accountId, @accountName, @accountHandle, @avatarDataUrl, @status, @problem, @connectedAt, @updatedAt)
     ON CONFLICT(network, config_origin) DO UPDATE SET account_id = excluded.account_id, account_name = excluded.account_name, account_handle = excluded.account_handle,
       avatar_data_url = excluded.avatar_data_url, status = excluded.status, problem = excluded.problem, connected_at = excluded.connected_at, updated_at = excluded.updated_at`,
  ).run(c);
}

export function getConnection(db: Db, network: string, configOrigin: string): ConnectionRow | undefined {
  return db.prepare(`SELECT ${connCols} FROM social_connections WHERE network = ? AND config_origin = ?`).get(network, configOrigin) as ConnectionRow | undefined;
}

export function markConnection(db: Db, network: string, configOrigin: string, status: ConnectionRow['status'], problem: string | null, now: string): void {
  db.prepare('UPDATE social_connections SET status = ?, problem = ?, updated_at = ? WHERE network = ? AND config_origin = ?').run(status, problem, now, network, configOrigin);
}

export function deleteConnection(db: Db, network: string, configOrigin: string): void {
  db.prepare('DELETE FROM social_connections WHERE network = ? AND config_origin = ?').run(network, configOrigin);
}

/** Inserts a post attempt, or returns the row already made with this idempotency key. */
export function insertPost(db: Db, p: PostRow): { row: PostRow; created: boolean } {
  const existing = postByKey(db, p.idempotencyKey);
  if (existing) return { row: existing, created: false };
  db.prepare(
    `INSERT INTO social_posts (id, idempotency_key, network, config_origin, account_id, account_name, project_id, export_id, source_kind, source_ref, aspect, caption, status,
       upload_json, post_attempted_at, remote_id, remote_url, error_code, error_message, created_at, updated_at, posted_at)
     VALUES (@id, @idempotencyKey, @network, @configOrigin, @accountId, @accountName, @projectId, @exportId, @sourceKind, @sourceRef, @aspect, @caption, @status,
       @uploadJson, @postAttemptedAt, @remoteId, @remoteUrl, @errorCode, @errorMessage, @createdAt, @updatedAt, @postedAt)`,
  ).run(p);
  return { row: getPost(db, p.id)!, created: true };
}

export function postByKey(db: Db, key: string): PostRow | undefined {
  return db.prepare(`SELECT ${postCols} FROM social_posts WHERE idempotency_key = ?`).get(key) as PostRow | undefined;
}

export function getPost(db: Db, id: string): PostRow | undefined {
  return db.prepare(`SELECT ${postCols} FROM social_posts WHERE id = ?`).get(id) as PostRow | undefined;
}

export function livePostFor(db: Db, network: string, sourceRef: string): PostRow | undefined {
  return db.prepare(`SELECT ${postCols} FROM social_posts WHERE network = ? AND source_ref = ? AND status IN (${LIVE_POST_STATUSES.map(() => '?').join(',')})`).get(network, sourceRef, ...LIVE_POST_STATUSES) as PostRow | undefined;
}

export function listPosts(db: Db, opts: { projectId?: string; limit?: number } = {}): PostRow[] {
  const limit = opts.limit ?? 200;
  return (opts.projectId
    ? db.prepare(`SELECT ${postCols} FROM social_posts WHERE project_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(opts.projectId, limit)
    : db.prepare(`SELECT ${postCols} FROM social_posts ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit)) as PostRow[];
}

type PostPatch = Partial<Pick<PostRow, 'status' | 'uploadJson' | 'postAttemptedAt' | 'remoteId' | 'remoteUrl' | 'errorCode' | 'errorMessage' | 'postedAt' | 'accountId' | 'accountName'>>;
const PATCH_COLUMNS: Record<keyof PostPatch, string> = { status: 'status', uploadJson: 'upload_json', postAttemptedAt: 'post_attempted_at', remoteId: 'remote_id', remoteUrl: 'remote_url', errorCode: 'error_code', errorMessage: 'error_message', postedAt: 'posted_at', accountId: 'account_id', accountName: 'account_name' };

export function updatePost(db: Db, id: string, patch: PostPatch, now: string): PostRow {
  const keys = Object.keys(patch) as (keyof PostPatch)[];
  const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = @${k}`);
  db.prepare(`UPDATE social_posts SET ${[...sets, 'updated_at = @now'].join(', ')} WHERE id = @id`).run({ ...patch, now, id });
  return getPost(db, id)!;
}

/** A live post's heartbeat: the process posting it is alive (another process leaves it alone). */
export function touchPost(db: Db, id: string, now: string): void {
  db.prepare('UPDATE social_posts SET updated_at = ? WHERE id = ?').run(now, id);
}

/**
 * Posts a quit or crash left mid-way — live rows without a heartbeat since `staleBefore` (a
 * posting process touches its row at least every 10 s, so another app or CLI process running now
 * is left alone): marked failed with a resumable reason; the upload state is kept.
 */
export function interruptLivePosts(db: Db, now: string, staleBefore: string = now, id?: string): number {
  return db
    .prepare(
      `UPDATE social_posts SET status = 'failed', error_code = 'INTERRUPTED', error_message = 'Zapcut closed while posting. Resume to continue where the upload stopped.', updated_at = ?
       WHERE status IN (${LIVE_POST_STATUSES.map(() => '?').join(',')}) AND updated_at < ? ${id ? 'AND id = ?' : ''}`,
    )
    .run(now, ...LIVE_POST_STATUSES, staleBefore, ...(id ? [id] : [])).changes;
}
