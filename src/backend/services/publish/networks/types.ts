/**
 * One publisher per network, behind one interface, so the service and the UI never branch on the
 * network. A publisher knows its network's OAuth endpoints and its upload state machine; the
 * service owns the post record, tokens, progress and retries of the whole flow.
 *
 * Designed for what comes next: YouTube's resumable upload (a session URI + PUT with Content-Range,
 * resumed by asking how much arrived) and TikTok's Content Posting API (init → PUT chunks to the
 * upload_url → poll the publish status) both fit `upload(state|null) → state` with a JSON state
 * saved after every chunk, `createPost` and `findPost`.
 */
import type { SocialNetwork } from '../../../../shared/publish/platform-limits';

export interface SocialTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms. */
  expiresAt: number;
  refreshExpiresAt: number | null;
  scope: string;
}

export interface SocialAccount {
  id: string;
  name: string;
  /** @handle where the network has one. */
  handle: string | null;
  avatarUrl: string | null;
}

export interface UploadProgress {
  phase: 'uploading' | 'processing';
  sentBytes: number;
  totalBytes: number;
  /** Set while waiting for a rate limit to reset (epoch ms). */
  waitingUntil?: number | null;
}

export interface UploadArgs<S> {
  file: string;
  bytes: number;
  account: SocialAccount;
  /** A valid access token (refreshed by the service when near expiry). */
  accessToken(): Promise<string>;
  /** Where the previous attempt stopped (null: start fresh). */
  state: S | null;
  /** Persists the state after every chunk, so a restart resumes instead of re-uploading. */
  save(state: S): void;
  onProgress(p: UploadProgress): void;
  signal: AbortSignal;
}

export interface RemotePost {
  remoteId: string;
  url: string;
}

export interface PostArgs<S> {
  account: SocialAccount;
  accessToken(): Promise<string>;
  state: S;
  caption: string;
  title: string;
  signal: AbortSignal;
  onProgress(p: UploadProgress): void;
}

export interface Publisher<S = unknown> {
  readonly network: SocialNetwork;
  authorizeUrl(p: { redirectUri: string; state: string; challenge: string }): string;
  exchangeCode(p: { code: string; verifier: string; redirectUri: string }): Promise<SocialTokens>;
  refresh(t: SocialTokens): Promise<SocialTokens>;
  revoke(t: SocialTokens): Promise<void>;
  whoAmI(accessToken: string): Promise<SocialAccount>;
  /** Uploads (or continues uploading) and waits until the network has processed the video. */
  upload(a: UploadArgs<S>): Promise<S>;
  /** A post of this upload that already exists (an earlier attempt whose answer was lost), or null. */
  findPost(a: PostArgs<S>): Promise<RemotePost | null>;
  createPost(a: PostArgs<S>): Promise<RemotePost>;
}

/** Milliseconds from now until `expires_in` seconds, kept a minute short so a token is never used at its edge. */
export const expiresAtFrom = (expiresIn: unknown, now = Date.now()): number => now + Math.max(60, Number(expiresIn) || 3600) * 1000 - 60_000;
