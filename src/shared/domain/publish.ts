/**
 * Publishing to social networks (issue 24): connections, the post flow and its history. Spread
 * into `channels` and `Events` in ../contract.ts. Tokens never cross this contract.
 */
import { z } from 'zod';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../publish/platform-limits';
import type { CaptionCount } from '../publish/caption';
import { Aspect } from './aspect';

const Id = z.string().min(1).max(64);
const out = <T>() => undefined as unknown as T;
export const SocialNetworkInput = z.enum(SOCIAL_NETWORKS);

export interface ConnectionView {
  network: SocialNetwork;
  /** The Zapcut service offers this network (client id configured). */
  available: boolean;
  state: 'disconnected' | 'connected' | 'needs_reconnect';
  account: { id: string; name: string; handle: string | null; avatarDataUrl: string | null } | null;
  /** Why a reconnect is needed, or why the network is unavailable. */
  problem: string | null;
  connectedAt: string | null;
  /** Where the tokens are kept (keychain / encrypted file / memory). */
  store: 'keychain' | 'encrypted-file' | 'memory';
}

export interface ConnectFlow {
  flowId: string;
  network: SocialNetwork;
  /** Open this in the browser (the desktop app already did when `openedBrowser`). */
  authorizeUrl: string;
  openedBrowser: boolean;
  /** When Zapcut stops waiting (ISO). */
  expiresAt: string;
}

/** Where the video comes from: a finished ad's result at an aspect, or an editor export file. */
export const PostSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), aspect: Aspect }).strict(),
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096), exportId: Id.optional() }).strict(),
]);
export type PostSource = z.infer<typeof PostSource>;

export const PostInput = z
  .object({
    projectId: Id,
    network: SocialNetworkInput,
    source: PostSource,
    caption: z.string().max(10_000),
  })
  .strict();

export const PostStartInput = PostInput.extend({
  /** One per attempt (made when the dialog opens): a double click or a retry finds the same post. */
  idempotencyKey: z.string().min(8).max(100),
  /** Post the same video again although it was already posted to this network. */
  again: z.boolean().optional(),
}).strict();

export interface SpecIssue {
  /** error: the network would refuse it; fix: Zapcut re-encodes it to fit; note: worth knowing. */
  level: 'error' | 'fix' | 'note';
  code: 'caption_too_long' | 'too_long' | 'too_short' | 'too_big' | 'too_small' | 'aspect' | 'resize' | 'reencode' | 'fps' | 'not_connected' | 'needs_reconnect' | 'already_posted';
  message: string;
}

export interface PostCheck {
  network: SocialNetwork;
  caption: CaptionCount;
  video: { width: number; height: number; durationS: number; bytes: number; codec: string; fps: number | null };
  /** What will be uploaded after any re-encode. */
  upload: { width: number; height: number; reencode: boolean };
  issues: SpecIssue[];
  ok: boolean;
  /** The newest successful post of this same video to this network. */
  alreadyPosted: { postId: string; url: string | null; postedAt: string } | null;
}

export type PostStatus = 'queued' | 'preparing' | 'uploading' | 'processing' | 'posting' | 'posted' | 'failed' | 'cancelled';

export interface PostView {
  id: string;
  projectId: string | null;
  network: SocialNetwork;
  account: { id: string; name: string };
  aspect: string;
  caption: string;
  status: PostStatus;
  remoteId: string | null;
  url: string | null;
  error: { code: string; message: string } | null;
  /** A failed or cancelled post that can continue (its upload is kept where the network allows). */
  resumable: boolean;
  createdAt: string;
  postedAt: string | null;
}

export const publishChannels = {
  'publish/connections': { input: z.object({}).strict(), output: out<ConnectionView[]>() },
  /** Starts the browser sign-in; the outcome arrives as `publish/connectFinished`. */
  'publish/connect': { input: z.object({ network: SocialNetworkInput }).strict(), output: out<ConnectFlow>() },
  'publish/connectCancel': { input: z.object({ flowId: Id }).strict(), output: out<{ cancelled: boolean }>() },
  /** Revokes the tokens at the network (when reachable) and forgets them. */
  'publish/disconnect': { input: z.object({ network: SocialNetworkInput }).strict(), output: out<{ revoked: boolean; connections: ConnectionView[] }>() },
  /** The spec check before uploading: caption length, the video against the network's limits. */
  'publish/check': { input: PostInput, output: out<PostCheck>() },
  'publish/start': { input: PostStartInput, output: out<PostView>() },
  'publish/cancel': { input: z.object({ postId: Id }).strict(), output: out<PostView>() },
  'publish/resume': { input: z.object({ postId: Id }).strict(), output: out<PostView>() },
  'publish/history': { input: z.object({ projectId: Id.optional() }).strict(), output: out<PostView[]>() },
} as const;

export interface PublishEvents {
  'publish/connectFinished': { flowId: string; network: SocialNetwork; ok: boolean; error: { code: string; message: string } | null };
  'publish/connectionsChanged': { connections: ConnectionView[] };
  'publish/progress': { postId: string; network: SocialNetwork; status: PostStatus; percent: number; etaSeconds: number | null; sentBytes: number; totalBytes: number; waitingUntil: string | null };
  'publish/postChanged': PostView;
}
