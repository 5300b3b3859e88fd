/**
 * One reserved video per run, and before it the run's picture draft: the style frames and
 * keyframes are made under the draft (no video held — issue 21, cloud-proxy/src/account/drafts.ts)
 * and the video is reserved at the first paid call that is not a picture, naming the draft's key,
 * which approves it. The Idempotency-Key is derived from the run id, so a resumed run
 * (even after the app was killed) gets the same reservation back instead of paying twice. When a
 * run's reservation was refunded or expired (it failed earlier, or sat too long), the next
 * generation of the key reserves afresh — still deterministic, so a crash between the two cannot
 * create a third.
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { RunChargeRecord, RunStore } from '../../engine/store';
import { DraftRead, ReservationRead as Reservation } from '../../../shared/domain/account-wire';
import { authedJson, resolutionName, type ProxyAuth } from './api';
import { Aspect } from '../../../shared/domain/aspect';
import type { DraftPictures } from '../../../shared/domain/ads';

export interface RunVideoSpec {
  lengthSeconds: number;
  resolution: { width: number; height: number };
  aspect: Aspect;
}

const MAX_GENERATIONS = 5;

/** Where a run's charge is kept (the run store); optional so a bare family still works. */
export type ChargeStore = Pick<RunStore, 'getRun' | 'saveCharge'>;

const chargeOf = (v: Reservation): RunChargeRecord => ({ videoId: v.videoId, source: v.source, costCents: v.costCents, status: v.status });

export function reservationKey(runId: string, generation: number): string {
  return `zapcut-run:${runId}:${generation}`;
}

/** The run's picture draft key: derived from the run, so a restarted run finds the same draft. */
export function draftKey(runId: string): string {
  return `zapcut-run:${runId}:pictures`;
}

/** What pays for a paid call: the run's reserved video, or (a picture before approval) its draft. */
export type PaidHolder = { header: 'x-zapcut-video' | 'x-zapcut-draft'; id: string; lengthSeconds: number };

export class RunReservations {
  private readonly live = new Map<string, Promise<Reservation>>();
  private readonly drafts = new Map<string, Promise<PaidHolder>>();
  /** Runs whose reservation is known to be charged already (no need to ask again). */
  private readonly committed = new Set<string>();
  constructor(
    private readonly auth: ProxyAuth,
    private readonly specFor: (runId: string) => RunVideoSpec,
    private readonly charges?: () => ChargeStore,
  ) {}

  private save(runId: string, v: Reservation): void {
    try {
      this.charges?.().saveCharge(runId, chargeOf(v));
    } catch (e) {
      // What the user sees of the charge must not break the run that pays it.
      console.error('zapcut: could not record the run charge:', e);
    }
  }

  /** The run's live reservation (reserving it on the first paid call); concurrent callers share one request. */
  videoFor(runId: string, signal?: AbortSignal): Promise<Reservation> {
    let p = this.live.get(runId);
    if (!p) {
      p = this.reserve(runId, signal);
      this.live.set(runId, p);
      p.catch(() => this.live.delete(runId));
    }
    return p;
  }

  /**
   * What a picture is paid from: the run's open draft (no video held), or the video once the run
   * has one (reserved in this process, or the draft already approved). A proxy without drafts
   * (404) pays pictures from the video as before.
   */
  pictureHolderFor(runId: string, signal?: AbortSignal): Promise<PaidHolder> {
    let p = this.drafts.get(runId);
    if (!p) {
      p = this.openDraft(runId, signal);
      this.drafts.set(runId, p);
      p.catch(() => this.drafts.delete(runId));
    }
    return p.then((h) => (this.live.has(runId) ? this.videoHolder(runId, signal) : h));
  }

  private async videoHolder(runId: string, signal?: AbortSignal): Promise<PaidHolder> {
    const v = await this.videoFor(runId, signal);
    return { header: 'x-zapcut-video', id: v.videoId, lengthSeconds: v.lengthSeconds };
  }

  private async openDraft(runId: string, signal?: AbortSignal): Promise<PaidHolder> {
    const spec = this.specFor(runId);
    let d: DraftRead;
    try {
      d = await authedJson(this.auth, '/v1/drafts', DraftRead, { body: { lengthSeconds: spec.lengthSeconds, resolution: resolutionName(spec.resolution) }, headers: { 'idempotency-key': draftKey(runId) }, signal, lengthSeconds: spec.lengthSeconds });
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return this.videoHolder(runId, signal);
      throw e;
    }
    if (d.state !== 'open') return this.videoHolder(runId, signal);
    return { header: 'x-zapcut-draft', id: d.draftId, lengthSeconds: spec.lengthSeconds };
  }

  /**
   * The run's pictures before approval as the service counts them: its draft read with
   * GET /v1/drafts/:id. The draft's id is the one this process opened; after a restart the
   * draft's key gives it back (POST /v1/drafts with the same key replays the draft opened under
   * it — no new draft, no quote; a run that never made a picture opens the draft it would use).
   * Null when the proxy has no drafts (a picture was paid from the video).
   */
  async draftPictures(runId: string, signal?: AbortSignal): Promise<DraftPictures | null> {
    const held = await this.drafts.get(runId)?.catch(() => undefined);
    let id = held?.header === 'x-zapcut-draft' ? held.id : undefined;
    if (!id) {
      const spec = this.specFor(runId);
      try {
        id = (await authedJson(this.auth, '/v1/drafts', DraftRead, { body: { lengthSeconds: spec.lengthSeconds, resolution: resolutionName(spec.resolution) }, headers: { 'idempotency-key': draftKey(runId) }, signal, lengthSeconds: spec.lengthSeconds })).draftId;
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
        throw e;
      }
    }
    const d = await authedJson(this.auth, `/v1/drafts/${encodeURIComponent(id)}`, DraftRead, { signal });
    return { used: d.picturesUsed, cap: d.picturesCap };
  }

  private async reserve(runId: string, signal?: AbortSignal): Promise<Reservation> {
    const spec = this.specFor(runId);
    // The draft's key approves the run's pictures (a key with no draft behind it changes nothing).
    const body = { lengthSeconds: spec.lengthSeconds, resolution: resolutionName(spec.resolution), aspect: spec.aspect, draftKey: draftKey(runId) };
    for (let gen = 0; gen < MAX_GENERATIONS; gen++) {
      const r = await authedJson(this.auth, '/v1/videos', Reservation, { body, headers: { 'idempotency-key': reservationKey(runId, gen) }, signal, lengthSeconds: spec.lengthSeconds });
      if (r.status === 'reserved' || r.status === 'committed') {
        this.save(runId, r);
        return r;
      }
    }
    throw new AppError('PAYMENT_REQUIRED', `Run ${runId} has failed ${MAX_GENERATIONS} times; start a new ad instead of resuming this one.`);
  }

  /**
   * A paid output arrived: the proxy has charged the video (it commits on the first delivered
   * output). Asks once per run for the video's state so the user sees "charged" with its source.
   */
  async delivered(runId: string, signal?: AbortSignal): Promise<void> {
    if (this.committed.has(runId)) return;
    // A resumed run may only re-poll jobs (no new reservation in this process): use the stored one.
    const videoId = (await this.live.get(runId)?.catch(() => undefined))?.videoId ?? this.charges?.().getRun(runId)?.charge?.videoId;
    if (!videoId) return;
    const now = await authedJson(this.auth, `/v1/videos/${encodeURIComponent(videoId)}`, Reservation, { signal });
    this.save(runId, now);
    if (now.status === 'committed') this.committed.add(runId);
  }

  /**
   * Tells the proxy the run failed: a video with no paid output yet is refunded (replays are
   * no-ops). Also for a run resumed in a new process that failed before reserving again: the video
   * is found in the run's stored charge.
   */
  async failed(runId: string, reason: string): Promise<Reservation | undefined> {
    const p = this.live.get(runId);
    this.live.delete(runId);
    this.committed.delete(runId);
    let v = p ? await p.catch(() => undefined) : undefined;
    if (!v) {
      const stored = this.charges?.().getRun(runId)?.charge;
      if (!stored) return undefined;
      if (stored.status !== 'reserved') return undefined;
      v = await authedJson(this.auth, `/v1/videos/${encodeURIComponent(stored.videoId)}`, Reservation);
    }
    if (v.status !== 'reserved') return v;
    const after = await authedJson(this.auth, `/v1/videos/${encodeURIComponent(v.videoId)}/fail`, Reservation, { body: { reason: reason.slice(0, 500) } });
    this.save(runId, after);
    return after;
  }
}

const StoredRunInput = z.object({
  brief: z.object({ lengthSeconds: z.number().int().positive(), aspect: Aspect }).loose(),
  resolution: z.object({ width: z.number(), height: z.number() }),
}).loose();

/** Reads what the reservation is for from the run's stored input (so `resume` needs only the run id). */
export function runSpecFromStore(store: Pick<RunStore, 'getRun'>): (runId: string) => RunVideoSpec {
  return (runId) => {
    const run = store.getRun(runId);
    if (!run) throw new AppError('NOT_FOUND', `No run "${runId}".`);
    const input = StoredRunInput.parse(run.input);
    return { lengthSeconds: input.brief.lengthSeconds, aspect: input.brief.aspect, resolution: input.resolution };
  };
}
