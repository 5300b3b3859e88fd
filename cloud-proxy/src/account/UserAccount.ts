import { DurableObject } from 'cloudflare:workers';
import { configOf, type Env } from '../env';
import { migrateSql } from '../db/migrate';
import { ACCOUNT_ADOPTION, ACCOUNT_MIGRATIONS } from './migrations';
import type { AccountRow, ReservationRow } from './schema';
import { FREE_VIDEO_MAX_SECONDS, TIER_LIMITS, draftPictureCap, musicSecondsCap, paidCallCap, quoteVideo, quoteVideos, videoSecondsCap, type BatchQuote, type EntitlementState, type Quote, type Resolution, type Tier } from './plans';
import { AccountError, type AccountResult, type PaidUse, type ReservationView, type ReserveInput } from './types';
import type { AccountSummary } from '../../../src/shared/domain/account-wire';
import { AccountBilling } from './billing';
import { AccountTrainings, type TrainingReserveInput, type TrainingView } from './trainings';
import { AccountEmail } from './email';
import { AccountDrafts, isDraftId, type DraftView } from './drafts';
import type { BillingChange, BillingOutcome } from './billing-types';

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
/** A text call runs minutes at most; a hold older than this lost its settle (see expireLlmHolds). */
const LLM_HOLD_TTL_MS = 15 * 60_000;

/**
 * One per user (idFromName(userId)). All entitlement state lives in this object's SQLite, and each
 * method runs its reads and writes without awaiting, so checks and debits are atomic: 50 parallel
 * reserves against a balance for one see each other's debit.
 */
export class UserAccount extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly billing: AccountBilling;
  private readonly trainings: AccountTrainings;
  private readonly email: AccountEmail;
  private readonly drafts: AccountDrafts;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    migrateSql(ctx.storage, ACCOUNT_MIGRATIONS, { adopt: ACCOUNT_ADOPTION });
    this.billing = new AccountBilling({ sql: this.sql, ledger: (kind, delta, reason, actor) => this.ledger(kind, delta, null, reason, actor), graceMs: configOf(env).BILLING_GRACE_SECONDS * 1000 });
    this.trainings = new AccountTrainings({ sql: this.sql, ledger: (kind, id, reason, actor) => this.ledger(kind, 0, id, reason, actor) });
    this.email = new AccountEmail({ sql: this.sql, ledger: (kind, reason, actor) => this.ledger(kind, 0, null, reason, actor) });
    this.drafts = new AccountDrafts({ sql: this.sql, ledger: (kind, id, reason, actor) => this.ledger(kind, 0, id, reason, actor) });
  }

  /** Creates the account row (idempotent); called at signup and lazily by every other method. */
  init(userId: string, tier: Tier = 'free'): AccountSummary {
    this.row(userId, tier);
    return this.summary();
  }

  private row(userId?: string, tier: Tier = 'free'): AccountRow {
    const now = Date.now();
    const calendarMonth = monthOf(now);
    let r = this.sql.exec<AccountRow>('SELECT * FROM account WHERE id = 1').toArray()[0];
    if (!r) {
      this.sql.exec('INSERT INTO account (id, user_id, tier, month, llm_month) VALUES (1, ?, ?, ?, ?)', userId ?? 'unknown', tier, calendarMonth, calendarMonth);
      r = this.sql.exec<AccountRow>('SELECT * FROM account WHERE id = 1').one();
    } else if (this.billing.applyDue(now)) {
      // A paid period or a grace ended: the plan changed (billing.ts).
      r = this.sql.exec<AccountRow>('SELECT * FROM account WHERE id = 1').one();
    }
    // Plan videos roll over with the paid billing period (a subscriber's allowance renews when Stripe
    // bills), else at the start of each UTC month; the LLM allowance always monthly.
    const month = this.billing.allowancePeriod(now, calendarMonth);
    if (r.month !== month) {
      this.sql.exec('UPDATE account SET month = ?, month_used = 0 WHERE id = 1', month);
      r = { ...r, month, month_used: 0 };
    }
    if (r.llm_month !== calendarMonth) {
      this.sql.exec('UPDATE account SET llm_month = ?, llm_tokens = 0 WHERE id = 1', calendarMonth);
      r = { ...r, llm_month: calendarMonth, llm_tokens: 0 };
    }
    return r;
  }

  /**
   * Per-request check: suspension and the per-user rate limit (a fixed window, one minute by
   * default). The window and its count live in the object's SQLite, not in memory, so an object
   * that is evicted or restarted mid-window keeps counting; read and write run without an await
   * in between, so parallel requests count each other (130 at once with a limit of 100: 100 pass).
   */
  gate(): AccountResult<{ tier: Tier }> {
    const r = this.row();
    if (r.suspended) return { ok: false, error: new AccountError(403, 'ACCOUNT_SUSPENDED', `This account is suspended${r.suspended_reason ? ` (${r.suspended_reason})` : ''}; contact support.`).toJSON() };
    const now = Date.now();
    const config = configOf(this.env);
    const windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    const fresh = now - r.rate_window_start >= windowMs || r.rate_window_start > now;
    const windowStart = fresh ? now : r.rate_window_start;
    const count = (fresh ? 0 : r.rate_count) + 1;
    this.sql.exec('UPDATE account SET rate_window_start = ?, rate_count = ? WHERE id = 1', windowStart, count);
    if (count > config.RATE_LIMIT_PER_MINUTE) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
      return { ok: false, error: new AccountError(429, 'RATE_LIMITED', `Too many requests; retry in ${retryAfter} s.`, { retryAfter }).toJSON() };
    }
    return { ok: true, value: { tier: r.tier as Tier } };
  }

  summary(): AccountSummary {
    this.expireLlmHolds();
    const r = this.row();
    const limits = TIER_LIMITS[r.tier as Tier];
    return {
      userId: r.user_id,
      tier: r.tier as Tier,
      creditsCents: r.credits_cents,
      freeVideosUsed: r.free_used,
      freeVideosLeft: Math.max(0, 2 - r.free_used),
      month: r.month,
      monthVideosUsed: r.month_used,
      monthVideosLeft: Math.max(0, limits.monthlyVideos - r.month_used),
      maxLengthSeconds: limits.maxLengthSeconds,
      resolutions: [...limits.resolutions],
      maxResolution: limits.resolutions[limits.resolutions.length - 1] as Resolution,
      priority: limits.priority,
      apiAccess: limits.apiAccess,
      llmTokensUsed: r.llm_tokens,
      llmTokensHeld: this.llmHeld(),
      llmTokensLeft: Math.max(0, limits.llmTokensPerMonth - r.llm_tokens - this.llmHeld()),
      trainingsPerMonth: limits.trainingsPerMonth,
      trainingsLeft: Math.max(0, limits.trainingsPerMonth - this.trainings.used(r.llm_month)),
      monthPicturesUsed: this.drafts.monthUsed(r.month),
      monthPicturesCap: limits.draftPicturesPerMonth,
      emailVerified: r.email_verified_at !== null,
      suspended: r.suspended === 1,
      suspendedReason: r.suspended_reason,
      billing: this.billing.view(),
    };
  }

  // ---- billing (a verified Stripe event; see billing.ts) ----

  applyBilling(change: BillingChange): BillingOutcome {
    this.row();
    const out = this.billing.apply(change, Date.now());
    return { ...out, tier: this.row().tier as Tier };
  }

  clearBillingFlag(reason: string, actor: string): AccountSummary {
    this.row();
    this.billing.clearFlag(reason, actor);
    return this.summary();
  }

  quote(lengthSeconds: number, resolution: Resolution): Quote {
    return this.quoteFor(this.row(), lengthSeconds, resolution);
  }

  /** Quotes videos made one after another (a batch): see quoteVideos. Changes nothing. */
  quoteMany(videos: { lengthSeconds: number; resolution: Resolution }[]): BatchQuote {
    return quoteVideos(this.entitlement(this.row()), videos);
  }

  /** What the price rules see: before the email is verified there are no free videos to take (paid ones are not blocked). */
  private entitlement(r: AccountRow): EntitlementState {
    const freeUsed = r.email_verified_at === null ? Math.max(r.free_used, FREE_VIDEO_MAX_SECONDS.length) : r.free_used;
    return { tier: r.tier as Tier, creditsCents: r.credits_cents, freeUsed, monthUsed: r.month_used };
  }

  /** quoteVideo on the entitlement; a video only a free slot would have paid for says to verify the email. */
  private quoteFor(r: AccountRow, lengthSeconds: number, resolution: Resolution): Quote {
    const q = quoteVideo(this.entitlement(r), lengthSeconds, resolution);
    if (q.ok || r.email_verified_at !== null) return q;
    const unlocked = quoteVideo({ tier: r.tier as Tier, creditsCents: r.credits_cents, freeUsed: r.free_used, monthUsed: r.month_used }, lengthSeconds, resolution);
    if (!unlocked.ok || unlocked.source !== 'free') return q;
    return { ok: false, code: 'EMAIL_UNVERIFIED', message: 'Verify your email to use your free videos: open the link we emailed you, or ask for a new one (Account → Resend). Paid credit works without it.', lengthSeconds, resolution };
  }

  // ---- email verification (email.ts) ----

  issueEmailToken(hash: string, ttlMs: number, perDay: number): AccountResult<{ expiresAt: number }> {
    this.row();
    return this.email.issue(hash, ttlMs, perDay);
  }

  verifyEmail(hash: string, actor: string): AccountResult<{ alreadyVerified: boolean }> {
    this.row();
    return this.email.verify(hash, actor);
  }

  reserve(input: ReserveInput): AccountResult<{ replay: boolean; reservation: ReservationView }> {
    const existing = this.sql.exec<ReservationRow>('SELECT * FROM reservations WHERE idem_key = ?', input.idempotencyKey).toArray()[0];
    if (existing) {
      if (existing.body_hash !== input.bodyHash) {
        return { ok: false, error: new AccountError(409, 'IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different request body; use a new key for a new video.').toJSON() };
      }
      return { ok: true, value: { replay: true, reservation: view(existing) } };
    }
    const r = this.row();
    const q = this.quoteFor(r, input.lengthSeconds, input.resolution);
    if (!q.ok) return { ok: false, error: new AccountError(q.code === 'EMAIL_UNVERIFIED' ? 403 : 402, q.code, q.message).toJSON() };
    const now = Date.now();
    const id = `vid_${crypto.randomUUID().replaceAll('-', '')}`;
    const expiresAt = now + configOf(this.env).RESERVATION_TTL_SECONDS * 1000;
    if (q.source === 'free') this.sql.exec('UPDATE account SET free_used = free_used + 1 WHERE id = 1');
    if (q.source === 'plan') this.sql.exec('UPDATE account SET month_used = month_used + 1 WHERE id = 1');
    if (q.source === 'credits') this.sql.exec('UPDATE account SET credits_cents = credits_cents - ? WHERE id = 1', q.costCents);
    this.sql.exec(
      `INSERT INTO reservations (id, idem_key, body_hash, state, source, cost_cents, length_s, resolution, aspect, month, paid_calls_cap, created_at, expires_at)
       VALUES (?, ?, ?, 'reserved', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id, input.idempotencyKey, input.bodyHash, q.source, q.costCents, input.lengthSeconds, input.resolution, input.aspect, r.month, paidCallCap(input.lengthSeconds), now, expiresAt,
    );
    this.ledger('reserve', -q.costCents, id, `${input.lengthSeconds} s ${input.resolution} from ${q.source}`, input.actor);
    // The ad's pictures were made under a draft: approving them is reserving this video.
    if (input.draftKey) this.drafts.approve(input.draftKey, id, input.actor);
    this.scheduleExpiry();
    return { ok: true, value: { replay: false, reservation: view(this.reservation(id)!) } };
  }

  getReservation(id: string): ReservationView | null {
    const res = this.reservation(id);
    return res ? view(res) : null;
  }

  /**
   * An output is about to be handed to the user. A reserved video is committed first (the output
   * spends it); a committed one stays so; a refunded or expired one gets nothing — its outputs are
   * withheld — which is what makes "given back" true. The only path by which any output leaves the
   * proxy. Replays are no-ops.
   */
  deliver(id: string, actor: string, what: string, predictionId?: string): AccountResult<ReservationView | DraftView> {
    if (isDraftId(id)) {
      // A draft's picture: no money moves (drafts.ts); the prediction is marked delivered.
      const d = this.drafts.deliverable(id);
      if (!d.ok) return d;
      if (predictionId) this.sql.exec("UPDATE predictions SET outcome = 'delivered' WHERE id = ? AND outcome IS NULL", predictionId);
      return { ok: true, value: this.draftView(d.value.id)! };
    }
    const res = this.reservation(id);
    if (!res) return notFoundVideo();
    if (res.state === 'refunded' || res.state === 'expired') {
      return { ok: false, error: new AccountError(409, 'VIDEO_NOT_ACTIVE', `Video ${id} was given back (${res.state}), so its outputs are no longer available; reserve a new video to generate again.`).toJSON() };
    }
    if (res.state === 'reserved') {
      this.sql.exec("UPDATE reservations SET state = 'committed', settled_at = ? WHERE id = ?", Date.now(), id);
      this.ledger('commit', 0, id, `first output delivered: ${what}`, actor);
    }
    if (predictionId) this.sql.exec("UPDATE predictions SET outcome = 'delivered' WHERE id = ? AND outcome IS NULL", predictionId);
    return { ok: true, value: view(this.reservation(id)!) };
  }

  /**
   * The run failed before any output was delivered: give the video back, once. A video with a
   * delivered output is committed and stays so (refunding it is an admin decision).
   */
  fail(id: string, actor: string, reason: string): AccountResult<ReservationView> {
    const res = this.reservation(id);
    if (!res) return notFoundVideo();
    if (res.state === 'reserved') this.giveBack(res, 'refunded', actor, reason);
    return { ok: true, value: view(this.reservation(id)!) };
  }

  /** Admin refund: also undoes a committed video (support case). Refunded/expired stay as they are. */
  adminRefund(id: string, actor: string, reason: string): AccountResult<ReservationView> {
    const res = this.reservation(id);
    if (!res) return notFoundVideo();
    if (res.state === 'reserved' || res.state === 'committed') this.giveBack(res, 'refunded', actor, reason);
    return { ok: true, value: view(this.reservation(id)!) };
  }

  private giveBack(res: ReservationRow, state: 'refunded' | 'expired', actor: string, reason: string): void {
    if (res.source === 'free') this.sql.exec('UPDATE account SET free_used = MAX(0, free_used - 1) WHERE id = 1');
    // A plan video only goes back to the month it was taken from.
    if (res.source === 'plan') this.sql.exec('UPDATE account SET month_used = MAX(0, month_used - 1) WHERE id = 1 AND month = ?', res.month);
    if (res.source === 'credits') this.sql.exec('UPDATE account SET credits_cents = credits_cents + ? WHERE id = 1', res.cost_cents);
    this.sql.exec('UPDATE reservations SET state = ?, settled_at = ? WHERE id = ?', state, Date.now(), res.id);
    this.ledger(state === 'expired' ? 'expire' : 'refund', res.cost_cents, res.id, reason, actor);
  }

  /**
   * Takes one paid upstream call from the video: its paid-call cap, and for video and music the
   * seconds the call asks for (plans.ts videoSecondsCap / musicSecondsCap). All checks and the
   * debit happen together, so 40 parallel calls see each other's seconds.
   */
  usePaidCall(id: string, use: PaidUse): AccountResult<ReservationView | DraftView> {
    if (isDraftId(id)) {
      const r = this.row();
      const used = this.drafts.usePicture(id, use.kind, TIER_LIMITS[r.tier as Tier].draftPicturesPerMonth, r.tier);
      return used.ok ? { ok: true, value: this.draftView(id)! } : used;
    }
    const res = this.reservation(id);
    if (!res) return notFoundVideo();
    if (res.state !== 'reserved' && res.state !== 'committed') {
      return { ok: false, error: new AccountError(409, 'VIDEO_NOT_ACTIVE', `Video ${id} is ${res.state}; reserve a new video to continue.`).toJSON() };
    }
    if (res.paid_calls_used >= res.paid_calls_cap) {
      return { ok: false, error: new AccountError(402, 'PAID_CALL_LIMIT', `Video ${id} has used all ${res.paid_calls_cap} paid generation calls it covers; reserve a new video.`).toJSON() };
    }
    if (use.kind === 'video') {
      const cap = Math.max(res.video_seconds_cap ?? 0, videoSecondsCap(res.length_s, use.maxClipSeconds));
      if (res.video_seconds_used + use.seconds > cap) {
        return { ok: false, error: new AccountError(402, 'VIDEO_SECONDS_LIMIT', `Video ${id} (${res.length_s} s) covers ${cap} s of generated clips and has used ${res.video_seconds_used} s; a ${use.seconds} s clip does not fit. Reserve a new video.`).toJSON() };
      }
      this.sql.exec('UPDATE reservations SET paid_calls_used = paid_calls_used + 1, video_seconds_used = video_seconds_used + ?, video_seconds_cap = ? WHERE id = ?', use.seconds, cap, id);
    } else if (use.kind === 'music') {
      const cap = musicSecondsCap(res.length_s);
      if (res.music_seconds_used + use.seconds > cap) {
        return { ok: false, error: new AccountError(402, 'MUSIC_SECONDS_LIMIT', `Video ${id} (${res.length_s} s) covers ${cap} s of music and has used ${res.music_seconds_used} s; a ${use.seconds} s track does not fit.`).toJSON() };
      }
      this.sql.exec('UPDATE reservations SET paid_calls_used = paid_calls_used + 1, music_seconds_used = music_seconds_used + ? WHERE id = ?', use.seconds, id);
    } else {
      this.sql.exec('UPDATE reservations SET paid_calls_used = paid_calls_used + 1 WHERE id = ?', id);
    }
    return { ok: true, value: view(this.reservation(id)!) };
  }

  /** Puts back a paid call (and its seconds) the upstream refused before doing any work (e.g. its 4xx). */
  releasePaidCall(id: string, use: PaidUse): void {
    if (isDraftId(id)) return this.drafts.releasePicture(id);
    this.sql.exec(
      'UPDATE reservations SET paid_calls_used = MAX(0, paid_calls_used - 1), video_seconds_used = MAX(0, video_seconds_used - ?), music_seconds_used = MAX(0, music_seconds_used - ?) WHERE id = ?',
      use.kind === 'video' ? use.seconds : 0,
      use.kind === 'music' ? use.seconds : 0,
      id,
    );
  }

  /**
   * One file uploaded through the proxy for a live video (reserved or committed): at most one per
   * paid call the video covers, so uploads cannot outgrow what the video may generate from them.
   */
  useUpload(id: string): AccountResult<ReservationView> {
    if (isDraftId(id)) return { ok: false, error: new AccountError(402, 'VIDEO_REQUIRED', 'Uploads belong to a reserved video; a draft sends its pictures inline.').toJSON() };
    const res = this.reservation(id);
    if (!res) return notFoundVideo();
    if (res.state !== 'reserved' && res.state !== 'committed') {
      return { ok: false, error: new AccountError(409, 'VIDEO_NOT_ACTIVE', `Video ${id} is ${res.state}; reserve a new video to upload files for it.`).toJSON() };
    }
    if (res.uploads_used >= res.paid_calls_cap) {
      return { ok: false, error: new AccountError(402, 'UPLOAD_LIMIT', `Video ${id} has used all ${res.paid_calls_cap} file uploads it covers (one per paid call); reuse an uploaded file's URL or reserve a new video.`).toJSON() };
    }
    this.sql.exec('UPDATE reservations SET uploads_used = uploads_used + 1 WHERE id = ?', id);
    return { ok: true, value: view(this.reservation(id)!) };
  }

  /** The provider refused the upload: it is given back. */
  releaseUpload(id: string): void {
    this.sql.exec('UPDATE reservations SET uploads_used = MAX(0, uploads_used - 1) WHERE id = ?', id);
  }

  // ---- picture drafts (drafts.ts): an ad's pictures before approval, no video held ----

  /**
   * Opens the picture stage of an ad (idempotent per key). Refused, with the quote's own reason,
   * when the account could not reserve the video now: pictures are free only to someone who can
   * approve them.
   */
  openDraft(input: { idempotencyKey: string; bodyHash: string; lengthSeconds: number; resolution: Resolution; actor: string }): AccountResult<{ replay: boolean; draft: DraftView }> {
    const r = this.row();
    const existing = this.drafts.byKey(input.idempotencyKey);
    if (!existing) {
      const q = this.quoteFor(r, input.lengthSeconds, input.resolution);
      if (!q.ok) return { ok: false, error: new AccountError(q.code === 'EMAIL_UNVERIFIED' ? 403 : 402, q.code, q.message).toJSON() };
    }
    const opened = this.drafts.open({ ...input, picturesCap: draftPictureCap(input.lengthSeconds), month: r.month });
    if (!opened.ok) return opened;
    return { ok: true, value: { replay: opened.value.replay, draft: this.draftView(opened.value.draft.id)! } };
  }

  getDraft(id: string): DraftView | null {
    return this.draftView(id);
  }

  private draftView(id: string): DraftView | null {
    const d = this.drafts.row(id);
    return d ? this.drafts.view(d, TIER_LIMITS[this.row().tier as Tier].draftPicturesPerMonth) : null;
  }

  // ---- brand-style trainings (trainings.ts) ----

  /** Takes a training from this calendar month's allowance of the user's plan (idempotent per key). */
  reserveTraining(input: TrainingReserveInput): AccountResult<{ replay: boolean; training: TrainingView }> {
    const r = this.row();
    return this.trainings.reserve(input, TIER_LIMITS[r.tier as Tier].trainingsPerMonth, r.llm_month, r.tier);
  }

  trainingByKey(idempotencyKey: string): TrainingView | null {
    return this.trainings.byKey(idempotencyKey);
  }

  /** Spent when the trainer produced a usable version, else given back (once). */
  settleTraining(trainingId: string, usable: boolean, reason: string, actor: string): TrainingView | null {
    this.row();
    return this.trainings.settle(trainingId, usable, reason, actor);
  }

  recordPrediction(predictionId: string, videoId: string | null, kind: string, seconds = 0): void {
    this.sql.exec('INSERT OR IGNORE INTO predictions (id, video_id, kind, created_at, seconds) VALUES (?, ?, ?, ?, ?)', predictionId, videoId, kind, Date.now(), seconds);
  }

  getPrediction(predictionId: string): { id: string; videoId: string | null; kind: string } | null {
    const p = this.sql.exec<{ id: string; video_id: string | null; kind: string }>('SELECT id, video_id, kind FROM predictions WHERE id = ?', predictionId).toArray()[0];
    return p ? { id: p.id, videoId: p.video_id, kind: p.kind } : null;
  }

  /**
   * The provider says the prediction ended without output (failed or cancelled first): its seconds
   * go back to its video, once. A delivered prediction keeps them.
   */
  predictionFailed(predictionId: string): void {
    const p = this.sql.exec<{ video_id: string | null; kind: string; seconds: number; outcome: string | null }>('SELECT video_id, kind, seconds, outcome FROM predictions WHERE id = ?', predictionId).toArray()[0];
    if (!p || p.outcome !== null) return;
    this.sql.exec("UPDATE predictions SET outcome = 'failed' WHERE id = ?", predictionId);
    const column = p.kind.endsWith(':video') ? 'video_seconds_used' : p.kind.endsWith(':music') ? 'music_seconds_used' : null;
    if (column && p.video_id && p.seconds > 0) this.sql.exec(`UPDATE reservations SET ${column} = MAX(0, ${column} - ?) WHERE id = ?`, p.seconds, p.video_id);
  }

  /**
   * Holds what an AI text call may cost at most (its estimate) against the month's allowance,
   * refusing when it does not fit beside what is used and held. Idempotent per hold id.
   */
  holdLlm(holdId: string, estimate: number): AccountResult<{ left: number }> {
    const r = this.row();
    this.expireLlmHolds();
    const allowance = TIER_LIMITS[r.tier as Tier].llmTokensPerMonth;
    const existing = this.sql.exec('SELECT 1 FROM llm_holds WHERE id = ?', holdId).toArray().length > 0;
    const taken = this.llmTaken();
    if (!existing) {
      if (taken + estimate > allowance) {
        const left = Math.max(0, allowance - taken);
        return { ok: false, error: new AccountError(402, 'LLM_ALLOWANCE_EXHAUSTED', `This month's AI text allowance has ${left.toLocaleString('en-US')} tokens left and this call may use up to ${estimate.toLocaleString('en-US')}; ask for fewer output tokens, wait for calls in progress, or upgrade your plan.`).toJSON() };
      }
      this.sql.exec('INSERT INTO llm_holds (id, tokens, created_at) VALUES (?, ?, ?)', holdId, Math.ceil(estimate), Date.now());
    }
    return { ok: true, value: { left: Math.max(0, allowance - this.llmTaken()) } };
  }

  /** The call ended: its hold is replaced by the metered usage (once; a settled hold is a no-op). */
  settleLlm(holdId: string, tokens: number): number {
    this.row();
    const held = this.sql.exec('DELETE FROM llm_holds WHERE id = ? RETURNING tokens', holdId).toArray();
    if (held.length > 0) this.sql.exec('UPDATE account SET llm_tokens = llm_tokens + ? WHERE id = 1', Math.max(0, Math.round(tokens)));
    return this.sql.exec<{ llm_tokens: number }>('SELECT llm_tokens FROM account WHERE id = 1').one().llm_tokens;
  }

  private llmTaken(): number {
    const used = this.sql.exec<{ llm_tokens: number }>('SELECT llm_tokens FROM account WHERE id = 1').one().llm_tokens;
    return used + this.llmHeld();
  }

  private llmHeld(): number {
    return this.sql.exec<{ n: number | null }>('SELECT SUM(tokens) AS n FROM llm_holds').one().n ?? 0;
  }

  /**
   * A hold whose settle never came (the Worker was stopped mid-call) is charged what it held after
   * LLM_HOLD_TTL_MS — the most the call could have cost.
   */
  private expireLlmHolds(): void {
    const stale = this.sql.exec('DELETE FROM llm_holds WHERE created_at <= ? RETURNING tokens', Date.now() - LLM_HOLD_TTL_MS).toArray() as { tokens: number }[];
    const total = stale.reduce((s, h) => s + h.tokens, 0);
    if (total > 0) this.sql.exec('UPDATE account SET llm_tokens = llm_tokens + ? WHERE id = 1', total);
  }

  // ---- admin ----

  adjustCredits(deltaCents: number, reason: string, actor: string): AccountSummary {
    const r = this.row();
    if (r.credits_cents + deltaCents < 0) throw new Error(`Credits cannot go below zero (balance ${r.credits_cents}, delta ${deltaCents}).`);
    this.sql.exec('UPDATE account SET credits_cents = credits_cents + ? WHERE id = 1', deltaCents);
    this.ledger(deltaCents >= 0 ? 'grant' : 'deduct', deltaCents, null, reason, actor);
    return this.summary();
  }

  setTier(tier: Tier, reason: string, actor: string): AccountSummary {
    const r = this.row();
    this.sql.exec('UPDATE account SET tier = ? WHERE id = 1', tier);
    this.ledger('tier', 0, null, `${r.tier} → ${tier}: ${reason}`, actor);
    return this.summary();
  }

  quotaReset(reason: string, actor: string): AccountSummary {
    this.row();
    this.sql.exec('UPDATE account SET month_used = 0 WHERE id = 1');
    this.ledger('quota-reset', 0, null, reason, actor);
    return this.summary();
  }

  setSuspended(suspended: boolean, reason: string, actor: string): AccountSummary {
    this.row();
    this.sql.exec('UPDATE account SET suspended = ?, suspended_reason = ? WHERE id = 1', suspended ? 1 : 0, suspended ? reason : null);
    this.ledger(suspended ? 'suspend' : 'reinstate', 0, null, reason, actor);
    return this.summary();
  }

  details(): { summary: AccountSummary; reservations: ReservationView[]; ledger: LedgerEntry[] } {
    const summary = this.summary();
    const reservations = this.sql.exec<ReservationRow>('SELECT * FROM reservations ORDER BY created_at DESC LIMIT 100').toArray().map(view);
    const ledger = this.sql
      .exec<LedgerRow>('SELECT * FROM ledger ORDER BY seq DESC LIMIT 200')
      .toArray()
      .map((l) => ({ seq: l.seq, at: new Date(l.at).toISOString(), kind: l.kind, deltaCents: l.delta_cents, balanceAfterCents: l.balance_after, reservationId: l.reservation_id, reason: l.reason, actor: l.actor }));
    return { summary, reservations, ledger };
  }

  // ---- expiry ----

  /** Points the alarm at the earliest open reservation (the output gate persists it before replying). */
  private scheduleExpiry(): void {
    const next = this.sql.exec<{ at: number | null }>("SELECT MIN(expires_at) AS at FROM reservations WHERE state = 'reserved'").one().at;
    if (next !== null) void this.ctx.storage.setAlarm(next);
  }

  /** Expires reservations whose run never delivered nor failed (crashed client), refunding them. */
  override alarm(): void {
    const now = Date.now();
    const stale = this.sql.exec<ReservationRow>("SELECT * FROM reservations WHERE state = 'reserved' AND expires_at <= ?", now).toArray();
    for (const res of stale) this.giveBack(res, 'expired', 'system:alarm', 'reservation expired before any paid output');
    this.scheduleExpiry();
  }

  private reservation(id: string): ReservationRow | undefined {
    return this.sql.exec<ReservationRow>('SELECT * FROM reservations WHERE id = ?', id).toArray()[0];
  }

  private ledger(kind: string, delta: number, reservationId: string | null, reason: string, actor: string): void {
    const balance = this.sql.exec<{ credits_cents: number }>('SELECT credits_cents FROM account WHERE id = 1').one().credits_cents;
    this.sql.exec('INSERT INTO ledger (at, kind, delta_cents, balance_after, reservation_id, reason, actor) VALUES (?, ?, ?, ?, ?, ?, ?)', Date.now(), kind, delta, balance, reservationId, reason, actor);
  }
}

type LedgerRow = {
  seq: number;
  at: number;
  kind: string;
  delta_cents: number;
  balance_after: number;
  reservation_id: string | null;
  reason: string;
  actor: string;
};
export interface LedgerEntry {
  seq: number;
  at: string;
  kind: string;
  deltaCents: number;
  balanceAfterCents: number;
  reservationId: string | null;
  reason: string;
  actor: string;
}

function notFoundVideo<T>(): AccountResult<T> {
  return { ok: false, error: new AccountError(404, 'NOT_FOUND', 'No such video for this account.').toJSON() };
}

function view(r: ReservationRow): ReservationView {
  return {
    videoId: r.id,
    status: r.state,
    source: r.source,
    costCents: r.cost_cents,
    lengthSeconds: r.length_s,
    resolution: r.resolution as Resolution,
    aspect: r.aspect,
    paidCallsUsed: r.paid_calls_used,
    paidCallsCap: r.paid_calls_cap,
    videoSecondsUsed: r.video_seconds_used,
    videoSecondsCap: r.video_seconds_cap,
    musicSecondsUsed: r.music_seconds_used,
    musicSecondsCap: musicSecondsCap(r.length_s),
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    settledAt: r.settled_at === null ? null : new Date(r.settled_at).toISOString(),
  };
}
