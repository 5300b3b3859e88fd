/**
 * The one typed contract between the renderer and the backend (Electron main, or the test
 * harness over WebSocket). Every channel is `'domain/verb' → { input: zod schema, output: type }`.
 * Main registers a handler for every entry; preload exposes only `invoke` and `on`; renderer code
 * imports the `Api` type and never spells a channel string outside typed calls.
 *
 * Add channels here, next to the domain schemas in ./domain/*. Keep entries grouped by domain.
 */
import { z } from 'zod';
import type { Result } from './errors';
import {
  type Brand,
  BrandCreateInput,
  BrandUpdateInput,
  BrandLogoInput,
  BrandFontInput,
  type BrandFontSample,
  type Asset,
  AssetImportInput,
  AssetRoleInput,
  type AppInfo,
  type Settings,
  SettingsPatch,
  RendererErrorReport,
  type UpdateStatus,
  type UnexpectedError,
  type MenuCommand,
} from './domain';
import {
  ProjectCreateInput,
  ChatSendInput,
  BibleUpdateInput,
  StoryboardUpdateInput,
  ExportAdInput,
  SceneRegenerateInput,
  VariantInput,
  type AdProjectView,
  type ApprovalPrice,
  PictureChangeInput,
  PictureRedoInput,
  type AdSummary,
} from './domain/ads';
import { editorChannels, type EditorEvents } from './domain/editor';
import { BrandStyleApproveInput, BrandStyleInput, type BrandStyleView, type BrandStyleStatus } from './domain/brand-style';
import { AccountCredentials, AccountQuoteInput, type AccountQuote, type AccountView, type VerificationResent } from './domain/account';
import { publishChannels, type PublishEvents } from './domain/publish';
import { billingChannels, type BillingEvents } from './domain/billing';
import { qualityChannels } from './domain/quality';
import type { RunProgress } from './progress';
import { variantChannels, type VariantEvents } from './domain/variants';
import { batchChannels, type BatchEvents } from './domain/batch';
import { AdCopyInput, AdReviseInput, type AdCopy, type AdRevisionResult } from './domain/revise';

const Id = z.string().min(1).max(64);
const None = z.object({}).strict();

/** Declares an output type without a runtime schema (outputs come from our own services). */
const out = <T>() => undefined as unknown as T;

export const channels = {
  'app/info': { input: None, output: out<AppInfo>() },

  'settings/get': { input: None, output: out<Settings>() },
  'settings/update': { input: SettingsPatch, output: out<Settings>() },

  // Desktop shell (issue 10). Outside Electron (harness, CLI) there is no desktop: the update
  // channels answer null / not restarting and openLogsFolder answers UNSUPPORTED.
  'app/openLogsFolder': { input: None, output: out<{ opened: true; path: string }>() },
  'app/reportError': { input: RendererErrorReport, output: out<{ logged: boolean }>() },
  // The OS "Save as…" dialog; path null when cancelled; UNSUPPORTED outside the desktop app.
  'app/chooseSavePath': {
    input: z
      .object({
        defaultPath: z.string().max(4096).optional(),
        filters: z.array(z.object({ name: z.string().min(1).max(100), extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/iu)).min(1).max(10) }).strict()).max(10).optional(),
      })
      .strict(),
    output: out<{ path: string | null }>(),
  },
  'update/status': { input: None, output: out<UpdateStatus | null>() },
  'update/check': { input: None, output: out<UpdateStatus | null>() },
  'update/restart': { input: None, output: out<{ restarting: boolean }>() },
  /** Editor › export finished › "Show in folder": only files inside `<dataDir>/exports` (else VALIDATION). */
  'export/reveal': { input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: out<{ revealed: true }>() },

  'brand/list': { input: None, output: out<Brand[]>() },
  'brand/get': { input: z.object({ id: Id }).strict(), output: out<Brand>() },
  'brand/create': { input: BrandCreateInput, output: out<Brand>() },
  'brand/update': { input: BrandUpdateInput, output: out<Brand>() },
  /** A brand with ads is refused with CONFLICT (naming how many) unless `force: true`, which deletes its ads too. */
  'brand/delete': {
    input: z.object({ id: Id, force: z.boolean().optional() }).strict(),
    output: out<{ deleted: true; adsDeleted: number }>(),
  },
  /** The brand's logo, imported with the image checks by a logo's rules; replaces the old one. */
  'brand/setLogo': { input: BrandLogoInput, output: out<Brand>() },
  'brand/removeLogo': { input: z.object({ brandId: Id }).strict(), output: out<Brand>() },
  /** The brand font (issue 22): a bundled family, or the brand's own .ttf/.otf (checked: bytes, size, letters of the name). */
  'brand/setFont': { input: BrandFontInput, output: out<Brand>() },
  /** The brand's name drawn in each font choice (pictures from the text engine). */
  'brand/fontSamples': { input: z.object({ brandId: Id }).strict(), output: out<BrandFontSample[]>() },

  // The brand's learned style (issue 9): status + preview pair, yes/no for future ads, retry.
  'brand/style': { input: BrandStyleInput, output: out<BrandStyleView>() },
  'brand/styleApprove': { input: BrandStyleApproveInput, output: out<BrandStyleView>() },
  'brand/styleRetry': { input: BrandStyleInput, output: out<BrandStyleView>() },
  'brand/styleCancel': { input: BrandStyleInput, output: out<BrandStyleView>() },

  'asset/import': { input: AssetImportInput, output: out<Asset[]>() },
  'asset/delete': { input: z.object({ id: Id }).strict(), output: out<{ deleted: true }>() },
  /** What a product picture shows (hero, detail, lifestyle, logo); the ad opens and ends on the hero. */
  'asset/setRole': { input: AssetRoleInput, output: out<Brand>() },

  // Ad projects (issue 7): the chat, the bible, the storyboard, the run and the result.
  'project/list': { input: None, output: out<AdSummary[]>() },
  'project/get': { input: z.object({ id: Id }).strict(), output: out<AdProjectView>() },
  'project/create': { input: ProjectCreateInput, output: out<AdProjectView>() },
  /** A new ad from the product's page in the shop (read on this computer): its name, description and pictures (issue 22). */
  'project/createFromPage': { input: z.object({ brandId: Id, url: z.string().trim().min(1).max(2000) }).strict(), output: out<AdProjectView>() },
  'project/delete': { input: z.object({ id: Id }).strict(), output: out<{ deleted: true }>() },
  /** Renders the finished timeline at another aspect preset. */
  'project/variant': { input: VariantInput, output: out<AdProjectView>() },
  /** Copies the finished MP4 (one aspect) to a path the user chose. */
  'project/export': { input: ExportAdInput, output: out<{ path: string; bytes: number }>() },
  /** The reply streams as `chat/delta` events; the ids say which message is which. */
  'chat/send': { input: ChatSendInput, output: out<{ userMessageId: string; replyId: string }>() },
  /** Stops the reply being written (the model call is aborted; the turn changes nothing). */
  'chat/cancel': { input: z.object({ projectId: Id }).strict(), output: out<{ stopped: boolean }>() },
  'bible/update': { input: BibleUpdateInput, output: out<AdProjectView>() },
  'storyboard/update': { input: StoryboardUpdateInput, output: out<AdProjectView>() },
  // offline: the user chose to generate on this computer (e.g. the proxy is unreachable).
  'storyboard/approve': { input: z.object({ projectId: Id, offline: z.boolean().optional(), reviewPictures: z.boolean().optional() }).strict(), output: out<AdProjectView>() },
  'run/cancel': { input: z.object({ projectId: Id }).strict(), output: out<AdProjectView>() },
  /** Approves the pictures of a run that stopped after its keyframes (issue 21); the run goes on. */
  'pictures/approve': { input: z.object({ projectId: Id }).strict(), output: out<AdProjectView>() },
  /** Change one picture waiting for approval: make it again from an edited prompt, swap it for a product image or an upload, or undo. */
  'pictures/change': { input: PictureChangeInput, output: out<AdProjectView>() },
  /** What approving the pictures will take from the user (issue 21): the figure the CLI states too. */
  'pictures/price': { input: z.object({ projectId: Id }).strict(), output: out<ApprovalPrice>() },
  /** Makes one picture of a run waiting for approval again, from an edited prompt when given. */
  'pictures/redo': { input: PictureRedoInput, output: out<AdProjectView>() },
  'run/retry': { input: z.object({ projectId: Id }).strict(), output: out<AdProjectView>() },
  'run/regenerateScene': { input: SceneRegenerateInput, output: out<AdProjectView>() },
  /** "Generate with AI" (issue 20): a finished offline ad's scenes made again by the Zapcut service, into the ad as the creator edited it. Signed in only. */
  'run/generateScenes': { input: z.object({ projectId: Id }).strict(), output: out<AdProjectView>() },
  /** What a finished ad says, scene by scene (issue 19 #4). */
  'project/copy': { input: AdCopyInput, output: out<AdCopy>() },
  /** A finished ad's line, title or CTA changed: only that is made again (a line re-spoken, text re-laid out). */
  'project/revise': { input: AdReviseInput, output: out<AdRevisionResult>() },
  /** "Undo this change" under a chat message that revised the finished ad: the version before it, if nothing was saved since. */
  'chat/undoRevision': { input: z.object({ projectId: Id, messageId: Id }).strict(), output: out<AdProjectView>() },

  // The timeline editor and export (issue 8).
  ...editorChannels,

  // The Zapcut account on the proxy (issue 6): tokens stay in the main process, never here.
  'account/get': { input: None, output: out<AccountView>() },
  'account/signup': { input: AccountCredentials, output: out<AccountView>() },
  'account/login': { input: AccountCredentials, output: out<AccountView>() },
  'account/logout': { input: None, output: out<AccountView>() },
  /** What an ad of this length would cost and from which source, or why it cannot run. */
  'account/quote': { input: AccountQuoteInput, output: out<AccountQuote>() },
  /** Emails a new verification link (the free videos need a verified email). */
  'account/resendVerification': { input: None, output: out<VerificationResent>() },

  // Publishing to X and LinkedIn (issue 24): connections, posts, history. Tokens stay in the backend.
  ...publishChannels,

  // Buying credits and plans (issue 18): Checkout and the portal open in the system browser.
  ...billingChannels,

  // The spec and quality check of an export or a finished ad (issue 16).
  ...qualityChannels,

  // Variant sets of a finished ad and platform packs (issue 23).
  ...variantChannels,
  // Batches from a CSV/JSONL file of briefs (issue 23): check, quote, run, cancel, resume.
  ...batchChannels,
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type InputOf<C extends Channel> = z.input<Channels[C]['input']>;
export type OutputOf<C extends Channel> = Channels[C]['output'];

/** Push events from backend to renderer: name → payload type. */
export interface Events extends EditorEvents, PublishEvents, BillingEvents, VariantEvents, BatchEvents {
  'brand/changed': { id: string };
  /** A brand's style training started, finished, failed or was approved/declined. */
  'brand/styleChanged': { brandId: string; status: BrandStyleStatus; /** True once, when a training has just become ready (notify). */ justReady: boolean };
  'update/status': UpdateStatus;
  /** Signed in/out (incl. a session that expired), or the plan/usage changed. */
  'account/changed': AccountView;
  'app/unexpectedError': UnexpectedError;
  'app/menuCommand': { command: MenuCommand };
  /** Something about an ad project changed (chat, storyboard, run steps): refetch it. */
  'project/changed': { id: string };
  /** A growing assistant message: `text` is everything so far. */
  'chat/delta': { projectId: string; messageId: string; text: string; done: boolean };
  /** A run's progress (shared/progress.ts: one unit, a percent; the ETA already smoothed). */
  'run/progress': RunProgress & { projectId: string; runId: string; stage: string };
}
export type EventName = keyof Events;

/** What preload exposes as `window.zapcut` (and the harness shim imitates exactly). */
export interface Api {
  invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export const channelNames = Object.keys(channels) as Channel[];
