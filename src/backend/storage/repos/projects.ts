/**
 * Rows of ad projects, their chat and storyboard versions (services/projects is their one user,
 * plus the export look-ups of publishing and the quality check). The generation rows (runs, bibles,
 * timelines, exports) are written by the other repos here; this file reads them where a view needs
 * them. Every multi-row write is one transaction.
 */
import type { Db } from '../database';
import type { ChatMessage, ChatStage, ProjectStatus, Slots } from '../../../shared/domain/ads';
import { writeTransaction } from '../transaction';

export interface ProjectDoc {
  slots: Slots;
  /** Palette of the product images found while drafting (fed to the bible step). */
  palette?: string[];
}

export interface ProjectRow {
  id: string;
  brandId: string | null;
  title: string;
  doc: ProjectDoc;
  lengthSeconds: number;
  aspect: string;
  status: ProjectStatus;
  stage: ChatStage;
  currentTimelineId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  brand_id: string | null;
  title: string;
  brief_json: string;
  length_seconds: number;
  aspect: string;
  status: ProjectStatus;
  chat_stage: ChatStage;
  current_timeline_id: string | null;
  created_at: string;
  updated_at: string;
}

const parseDoc = (s: string): ProjectDoc => {
  const v = JSON.parse(s) as Partial<ProjectDoc>;
  // Projects made by the CLI store a whole brief here, not the chat's slots.
  return { slots: v.slots ?? {}, palette: v.palette };
};

const toProject = (r: Row): ProjectRow => ({
  id: r.id,
  brandId: r.brand_id,
  title: r.title,
  doc: parseDoc(r.brief_json),
  lengthSeconds: r.length_seconds,
  aspect: r.aspect,
  status: r.status,
  stage: r.chat_stage,
  currentTimelineId: r.current_timeline_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function insertProject(db: Db, p: { id: string; brandId: string; title: string; now: string }): ProjectRow {
  db.prepare(
    `INSERT INTO ad_projects (id, brand_id, title, brief_json, status, chat_stage, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'chatting', 'collect_brand_info', ?, ?)`,
  ).run(p.id, p.brandId, p.title, JSON.stringify({ slots: {} }), p.now, p.now);
  return getProject(db, p.id)!;
}

/**
 * The newest draft of the brand nobody has answered in yet (still briefing, no user message):
 * "New ad" reuses it instead of leaving another one behind.
 */
export function untouchedDraftId(db: Db, brandId: string): string | undefined {
  const r = db
    .prepare(
      `SELECT p.id FROM ad_projects p
       WHERE p.brand_id = ? AND p.status = 'chatting'
         AND NOT EXISTS (SELECT 1 FROM chat_messages m WHERE m.project_id = p.id AND m.role = 'user')
         AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.project_id = p.id)
       ORDER BY p.updated_at DESC, p.rowid DESC LIMIT 1`,
    )
    .get(brandId) as { id: string } | undefined;
  return r?.id;
}

export function getProject(db: Db, id: string): ProjectRow | undefined {
  const r = db.prepare('SELECT * FROM ad_projects WHERE id = ?').get(id) as Row | undefined;
  return r && toProject(r);
}

export function listProjects(db: Db): ProjectRow[] {
  return (db.prepare('SELECT * FROM ad_projects ORDER BY updated_at DESC, rowid DESC').all() as Row[]).map(toProject);
}

export function updateProject(
  db: Db,
  id: string,
  patch: { doc?: ProjectDoc; status?: ProjectStatus; stage?: ChatStage; title?: string; lengthSeconds?: number; aspect?: string },
  now: string,
): void {
  const cur = getProject(db, id);
  if (!cur) return;
  db.prepare('UPDATE ad_projects SET brief_json = ?, status = ?, chat_stage = ?, title = ?, length_seconds = ?, aspect = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(patch.doc ?? cur.doc),
    patch.status ?? cur.status,
    patch.stage ?? cur.stage,
    patch.title ?? cur.title,
    patch.lengthSeconds ?? cur.lengthSeconds,
    patch.aspect ?? cur.aspect,
    now,
    id,
  );
}

export function deleteProject(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM ad_projects WHERE id = ?').run(id).changes > 0;
}

interface MessageRow {
  id: string;
  seq: number;
  role: ChatMessage['role'];
  stage: ChatStage;
  content: string;
  meta_json: string;
  created_at: string;
}

const toMessage = (r: MessageRow): ChatMessage => ({
  id: r.id,
  seq: r.seq,
  role: r.role,
  stage: r.stage,
  content: r.content,
  meta: JSON.parse(r.meta_json) as ChatMessage['meta'],
  createdAt: r.created_at,
});

export function insertMessage(db: Db, m: { id: string; projectId: string; role: ChatMessage['role']; stage: ChatStage; content: string; meta: ChatMessage['meta']; now: string }): ChatMessage {
  return writeTransaction(db, () => {
    const seq = (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM chat_messages WHERE project_id = ?').get(m.projectId) as { s: number }).s;
    db.prepare('INSERT INTO chat_messages (id, project_id, seq, role, stage, content, meta_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      m.id,
      m.projectId,
      seq,
      m.role,
      m.stage,
      m.content,
      JSON.stringify(m.meta),
      m.now,
    );
    return { id: m.id, seq, role: m.role, stage: m.stage, content: m.content, meta: m.meta, createdAt: m.now };
  });
}

/** One message of a project's chat. */
export function getMessage(db: Db, projectId: string, id: string): ChatMessage | undefined {
  const r = db.prepare('SELECT * FROM chat_messages WHERE project_id = ? AND id = ?').get(projectId, id) as MessageRow | undefined;
  return r ? toMessage(r) : undefined;
}

/** Replaces a message's meta (a chat revision marked undone). */
export function setMessageMeta(db: Db, id: string, meta: ChatMessage['meta']): void {
  db.prepare('UPDATE chat_messages SET meta_json = ? WHERE id = ?').run(JSON.stringify(meta), id);
}

export function listMessages(db: Db, projectId: string): ChatMessage[] {
  return (db.prepare('SELECT * FROM chat_messages WHERE project_id = ? ORDER BY seq').all(projectId) as MessageRow[]).map(toMessage);
}

export interface StoryboardRow {
  id: string;
  version: number;
  storyboard: unknown;
  safety: unknown;
  approvedAt: string | null;
}

export function latestStoryboard(db: Db, projectId: string): StoryboardRow | undefined {
  const r = db.prepare('SELECT * FROM storyboards WHERE project_id = ? ORDER BY version DESC LIMIT 1').get(projectId) as
    | { id: string; version: number; storyboard_json: string; safety_json: string | null; approved_at: string | null }
    | undefined;
  return r && { id: r.id, version: r.version, storyboard: JSON.parse(r.storyboard_json) as unknown, safety: r.safety_json ? (JSON.parse(r.safety_json) as unknown) : null, approvedAt: r.approved_at };
}

export function approveStoryboard(db: Db, storyboardId: string, now: string): void {
  db.prepare('UPDATE storyboards SET approved_at = ? WHERE id = ?').run(now, storyboardId);
}

export function latestRunId(db: Db, projectId: string): string | undefined {
  return (db.prepare('SELECT id FROM runs WHERE project_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(projectId) as { id: string } | undefined)?.id;
}

/** Runs a crash or quit left unfinished (their steps are memoised; resuming replays them). */
export function interruptedRunIds(db: Db): string[] {
  return (db.prepare("SELECT id FROM runs WHERE status IN ('queued', 'running') AND project_id IS NOT NULL ORDER BY created_at").all() as { id: string }[]).map((r) => r.id);
}

export interface ExportRow {
  preset: string;
  /** The timeline version it was rendered from (null once that version was pruned). */
  timelineId: string | null;
  sha256: string;
  thumbnailSha256: string | null;
  durationMs: number;
}

/** The newest finished export per preset (aspect), whichever timeline version it came from. */
export function latestExports(db: Db, projectId: string): ExportRow[] {
  const rows = db
    .prepare("SELECT preset, timeline_id, sha256, thumbnail_sha256, duration_ms FROM exports WHERE project_id = ? AND status = 'done' AND sha256 IS NOT NULL ORDER BY created_at DESC, rowid DESC")
    .all(projectId) as { preset: string; timeline_id: string | null; sha256: string; thumbnail_sha256: string | null; duration_ms: number | null }[];
  const seen = new Set<string>();
  const out: ExportRow[] = [];
  for (const r of rows) {
    if (seen.has(r.preset)) continue;
    seen.add(r.preset);
    out.push({ preset: r.preset, timelineId: r.timeline_id, sha256: r.sha256, thumbnailSha256: r.thumbnail_sha256, durationMs: r.duration_ms ?? 0 });
  }
  return out;
}

export function brandName(db: Db, brandId: string | null): string {
  if (!brandId) return '';
  return (db.prepare('SELECT name FROM brands WHERE id = ?').get(brandId) as { name: string } | undefined)?.name ?? '';
}
