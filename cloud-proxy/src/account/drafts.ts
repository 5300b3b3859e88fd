/**
 * The picture stage of an ad (issue 21): "nothing costs video money until the user approves the
 * pictures". A draft lets an ad's style frames and keyframes be made before any video is reserved:
 * it holds no money, and each picture made under it takes one of the draft's pictures
 * (plans.ts draftPictureCap) and one of the month's unapproved pictures (the tier's
 * draftPicturesPerMonth). When the user approves, the video is reserved naming the draft: the
 * draft is approved and its pictures stop counting against the month (the video pays for them).
 * A draft never approved (abandoned) keeps counting for its month — so pictures without videos
 * stay bounded per account. Opening a draft needs a video the account could reserve now (the same
 * quote `reserve` uses), so pictures are free only to someone who can approve them.
 *
 * Check and write run without an await, so parallel picture calls see each other (race-tested in
 * workerd, test/drafts.test.ts). Every change is a ledger line (delta 0: no money moves).
 */
import { AccountError, type AccountResult } from './types';
import type { DraftAnswer } from '../../../src/shared/domain/account-wire';

export type DraftState = 'open' | 'approved';

/** A draft as the proxy reports it: declared once for the Worker and the app (src/shared/domain/account-wire.ts). */
export type DraftView = DraftAnswer;

export type DraftRow = {
  id: string;
  idem_key: string;
  body_hash: string;
  state: DraftState;
  length_s: number;
  month: string;
  pictures_used: number;
  pictures_cap: number;
  video_id: string | null;
  created_at: number;
  approved_at: number | null;
};

export const DRAFT_PREFIX = 'drf_';
export const isDraftId = (id: string): boolean => id.startsWith(DRAFT_PREFIX);

/** What the Durable Object lends this module: its SQLite and its ledger writer. */
export interface DraftLedgerPort {
  sql: SqlStorage;
  ledger(kind: string, draftId: string, reason: string, actor: string): void;
}

export interface DraftOpenInput {
  idempotencyKey: string;
  bodyHash: string;
  lengthSeconds: number;
  picturesCap: number;
  month: string;
  actor: string;
}

export class AccountDrafts {
  constructor(private readonly port: DraftLedgerPort) {}

  /** Pictures of drafts not approved (open or abandoned) made in `month`. */
  monthUsed(month: string): number {
    return this.port.sql.exec<{ n: number | null }>("SELECT SUM(pictures_used) AS n FROM drafts WHERE month = ? AND state = 'open'", month).one().n ?? 0;
  }

  view(r: DraftRow, monthCap: number): DraftView {
    return {
      draftId: r.id,
      state: r.state,
      lengthSeconds: r.length_s,
      picturesUsed: r.pictures_used,
      picturesCap: r.pictures_cap,
      monthPicturesUsed: this.monthUsed(r.month),
      monthPicturesCap: monthCap,
      videoId: r.video_id,
      month: r.month,
      createdAt: new Date(r.created_at).toISOString(),
    };
  }

  byKey(idempotencyKey: string): DraftRow | undefined {
    return this.port.sql.exec<DraftRow>('SELECT * FROM drafts WHERE idem_key = ?', idempotencyKey).toArray()[0];
  }

  row(id: string): DraftRow | undefined {
    return this.port.sql.exec<DraftRow>('SELECT * FROM drafts WHERE id = ?', id).toArray()[0];
  }

  /** Opens a draft, or answers the one opened with the same key (another body under it is a conflict). */
  open(input: DraftOpenInput): AccountResult<{ replay: boolean; draft: DraftRow }> {
    const existing = this.byKey(input.idempotencyKey);
    if (existing) {
      if (existing.body_hash !== input.bodyHash) {
        return { ok: false, error: new AccountError(409, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different draft; use a new key for a new ad.').toJSON() };
      }
      return { ok: true, value: { replay: true, draft: existing } };
    }
    const id = `${DRAFT_PREFIX}${crypto.randomUUID().replaceAll('-', '')}`;
    this.port.sql.exec(
      "INSERT INTO drafts (id, idem_key, body_hash, state, length_s, month, pictures_used, pictures_cap, created_at) VALUES (?, ?, ?, 'open', ?, ?, 0, ?, ?)",
      id, input.idempotencyKey, input.bodyHash, input.lengthSeconds, input.month, input.picturesCap, Date.now(),
    );
    this.port.ledger('draft', id, `${input.lengthSeconds} s ad: up to ${input.picturesCap} pictures before approval, no video held`, input.actor);
    return { ok: true, value: { replay: false, draft: this.row(id)! } };
  }

  /**
   * One picture for an open draft: within the draft's cap and the month's unapproved pictures.
   * Only images: a draft never pays for video, voice or music.
   */
  usePicture(id: string, kind: string, monthCap: number, planName: string): AccountResult<DraftRow> {
    const d = this.row(id);
    if (!d) return { ok: false, error: new AccountError(404, 'NOT_FOUND', 'No such draft for this account.').toJSON() };
    if (kind !== 'image') {
      return { ok: false, error: new AccountError(402, 'VIDEO_REQUIRED', `A draft pays for pictures only; a ${kind} call needs a reserved video (approve the pictures first).`).toJSON() };
    }
    if (d.state !== 'open') {
      return { ok: false, error: new AccountError(409, 'DRAFT_APPROVED', `Draft ${id} was approved as video ${d.video_id}; make further pictures under that video.`).toJSON() };
    }
    if (d.pictures_used >= d.pictures_cap) {
      return { ok: false, error: new AccountError(402, 'PICTURE_LIMIT', `This ad has made all ${d.pictures_cap} pictures it may make before approval; approve the pictures to go on.`).toJSON() };
    }
    const month = this.monthUsed(d.month);
    if (month >= monthCap) {
      return { ok: false, error: new AccountError(402, 'PICTURE_LIMIT', `The ${planName} plan makes up to ${monthCap} pictures a month for ads not yet approved, and this month's are used; approve an ad's pictures (they then count as that video's) or wait for next month.`).toJSON() };
    }
    this.port.sql.exec('UPDATE drafts SET pictures_used = pictures_used + 1 WHERE id = ?', id);
    this.port.ledger('picture', id, `picture ${d.pictures_used + 1} of ${d.pictures_cap} before approval (${month + 1} of ${monthCap} this month)`, 'system:paid-call');
    return { ok: true, value: this.row(id)! };
  }

  /** The provider refused the picture outright: it is given back. */
  releasePicture(id: string): void {
    const changed = this.port.sql.exec("UPDATE drafts SET pictures_used = pictures_used - 1 WHERE id = ? AND pictures_used > 0 AND state = 'open' RETURNING pictures_used", id).toArray();
    if (changed.length > 0) this.port.ledger('picture-release', id, 'the provider refused the picture; given back', 'system:paid-call');
  }

  /**
   * The draft exists for output delivery (its pictures leave the proxy without any money moving).
   * An approved draft's late outputs are delivered too: they were made before approval.
   */
  deliverable(id: string): AccountResult<DraftRow> {
    const d = this.row(id);
    return d ? { ok: true, value: d } : { ok: false, error: new AccountError(404, 'NOT_FOUND', 'No such draft for this account.').toJSON() };
  }

  /** The video reserved for this draft: approved once (later reservations for it change nothing). */
  approve(idempotencyKey: string, videoId: string, actor: string): void {
    const d = this.byKey(idempotencyKey);
    if (!d || d.state !== 'open') return;
    this.port.sql.exec("UPDATE drafts SET state = 'approved', video_id = ?, approved_at = ? WHERE id = ?", videoId, Date.now(), d.id);
    this.port.ledger('draft-approved', d.id, `pictures approved: ${d.pictures_used} pictures now belong to video ${videoId}`, actor);
  }
}
