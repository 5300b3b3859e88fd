import type { ReservationAnswer } from '../../../src/shared/domain/account-wire';
import type { Resolution, Tier, VideoSource } from './plans';

/** Errors cross the Durable Object RPC boundary as plain data (class instances do not survive). */
export interface AccountErrorData {
  status: 400 | 402 | 403 | 404 | 409 | 410 | 429;
  code: string;
  message: string;
  retryAfter?: number;
}
export class AccountError {
  constructor(
    readonly status: AccountErrorData['status'],
    readonly code: string,
    readonly message: string,
    readonly extra: { retryAfter?: number } = {},
  ) {}
  toJSON(): AccountErrorData {
    return { status: this.status, code: this.code, message: this.message, ...this.extra };
  }
}
export type AccountResult<T> = { ok: true; value: T } | { ok: false; error: AccountErrorData };

export interface ReserveInput {
  idempotencyKey: string;
  bodyHash: string;
  lengthSeconds: number;
  resolution: Resolution;
  aspect: string;
  actor: string;
  /** The Idempotency-Key of the ad's picture draft (drafts.ts): reserving the video approves it. */
  draftKey?: string;
}

/** What one paid call asks of its video: seconds of video or music (0 for images and speech). */
export interface PaidUse {
  kind: 'video' | 'music' | 'image' | 'speech';
  seconds: number;
  /** The model's longest clip (sets the video seconds cap). */
  maxClipSeconds: number;
}

/** A reserved video as the routes report it: declared once with the app (src/shared/domain/account-wire.ts). */
export type ReservationView = ReservationAnswer;
