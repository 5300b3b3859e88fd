/**
 * The backend as one object, usable without Electron: Electron's main process, the WebSocket
 * contract harness and the CLI all construct it the same way.
 *
 *   const backend = createBackend({ dataDir, mediaBaseUrl: 'zapcut-media://media/' });
 *   await backend.dispatch('brand/create', { name: 'Acme' }); // → { ok: true, value: Brand }
 *
 * dispatch validates the channel and input against src/shared/contract.ts, calls the service and
 * returns `{ ok, value } | { ok: false, error: { code, message } }`. It never throws and never
 * leaves a rejected promise behind. `backend.pipeline` is the one pipeline wiring every caller
 * uses; `backend.runs` starts and executes headless runs (the CLI) with the same follow-ups as
 * the app's runs (project status, brand style learning, refunds).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { channels, type EventName, type Events } from '../shared/contract';
import { AppError, toErrorShape, type Result } from '../shared/errors';
import { closeDatabase, databasePath, openDatabase } from './storage/database';
import { openMediaStore } from './media-store';
import { handleMediaRequest } from './media-protocol';
import { handlers } from './services/handlers';
import type { ServiceContext } from './services/context';
import type { DesktopHooks } from './services/desktop';
import { createProjectsState, startProjects, stopProjects } from './services/projects/service';
import { createBrandStylesState, startBrandStyles, stopBrandStyles } from './services/brand-style/service';
import { createAccountState, type AccountOptions } from './services/account/service';
import { createExportJobsState } from './services/editor/export-jobs';
import { createVariantsState } from './services/variants/app';
import { getSettings } from './services/settings';
import { createHeadlessRuns, type HeadlessRuns } from './services/projects/headless';
import { openBatch, type BatchOptions, type BatchPlan, type BatchRecord } from './services/batch/service';
import { getBatch } from './storage/repos/batches';
import { runBatch, type BatchRunOptions, type BatchSummary } from './services/batch/queue';
import { createBatchAppState, stopBatches } from './services/batch/app';
import type { BatchFile } from '../pipeline/batch-file';
import { makePack, type PackResult } from './services/variants/pack';
import { makeVariantSet, planVariantSet, type VariantProgress, type VariantSetPlan, type VariantSetResult } from './services/variants/service';
import { createPipelineServices, type PipelineOptions } from './pipeline-services';
import { startPublishing, stopPublishing } from './services/publish/posts';
import type { Encryptor } from './session/encrypted-file-store';
import { resolveBinaries } from '../pipeline/ffmpeg/binaries';
import { recordFfmpegChildrenIn } from '../pipeline/ffmpeg/run';
import { FFMPEG_CHILDREN_DIR, sweepLeftovers } from './startup-sweep';
import type { PipelineServices } from '../pipeline/generate';
import { version as packageVersion } from '../../package.json';
import { handleBillingLink } from './services/billing/service';

export interface BackendOptions {
  /** The data folder (database + media). Callers resolve it with resolveDataDir(). */
  dataDir: string;
  /** Prefix of media URLs handed to the renderer: 'zapcut-media://media/' (Electron) or '/media/' (harness). */
  mediaBaseUrl: string;
  appVersion?: string;
  electronVersion?: string | null;
  /** Electron-only hooks (src/main/electron/desktop.ts); the harness and CLI pass none. */
  desktop?: DesktopHooks;
  /** Electron's safeStorage (src/main/electron/safe-storage.ts): keeps the session when no keychain is reachable. */
  secretEncryptor?: Encryptor;
  /** Where the account's credentials come from (CLI: an API key, a proxy URL; tests: a fake account). */
  account?: Omit<AccountOptions, 'encryptor'>;
  /** Extra provider families and the retry policy (tests, benches). */
  pipeline?: PipelineOptions;
  /**
   * Continue, on start, the work a quit or crash interrupted: the ad runs and the brand style
   * trainings, the posts being published (default: all). The CLI continues none of them (the app
   * does), except `brand style --wait`, which follows the trainings.
   */
  resume?: { runs?: boolean; trainings?: boolean; posts?: boolean };
  /** Tests only: New ad from a product page may read pages served over http on loopback. */
  productPage?: { allowLoopbackHttpForTests?: boolean };
}

export type BackendListener = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface Backend {
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to push events (every event name); returns the unsubscribe function. */
  on(listener: (event: EventName, payload: Events[EventName]) => void): () => void;
  /** Serves `GET/HEAD <mediaBaseUrl><sha256>` from the media store (Range aware). */
  handleMediaRequest(req: Request): Promise<Response>;
  readonly dataDir: string;
  /** A `zapcut://` link the OS handed the app (untrusted): the account is looked at again; true when it was ours. */
  openAppLink(url: string): Promise<boolean>;
  /** Pushes an event to every listener (the shell uses it for menu commands, update status, crashes). */
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** The one pipeline wiring of this backend (run store, families, exporter, recorder). */
  readonly pipeline: PipelineServices;
  /** Headless runs (the CLI): a brief's brand and ad project, then the run with the app's follow-ups. */
  readonly runs: HeadlessRuns;
  /** Batches from a file (`zapcut batch`, issue 23): record or continue one, then work through its rows. */
  readonly batches: {
    get(id: string): BatchRecord | undefined;
    open(file: BatchFile, outDir: string, options: BatchOptions, opts?: { resumeId?: string; fresh?: boolean; dryRun?: boolean }): Promise<BatchPlan>;
    run(plan: BatchPlan, opts: BatchRunOptions): Promise<BatchSummary>;
  };
  /** Variant sets of a finished ad and platform packs of them (`zapcut variants` / `zapcut pack`, issue 23). */
  readonly variants: {
    plan(ref: string, spec: unknown): Promise<VariantSetPlan>;
    make(plan: VariantSetPlan, opts?: { signal?: AbortSignal; onProgress?: (p: VariantProgress) => void }): Promise<VariantSetResult>;
    pack(ref: string, folder: string, opts?: Parameters<typeof makePack>[3]): Promise<PackResult>;
  };
  close(): void;
}

/**
 * The services' context over the data folder: database, media store, the FFmpeg from Settings,
 * the pipeline wiring and each service's state. createBackend builds one; tests that call a
 * service directly build one too.
 */
export function createServiceContext(opts: Omit<BackendOptions, 'mediaBaseUrl' | 'resume'> & { mediaBaseUrl?: string; emit?: ServiceContext['emit'] }): ServiceContext {
  mkdirSync(opts.dataDir, { recursive: true });
  // What a killed Zapcut left (orphaned FFmpegs, half-written files) goes first; then this
  // process records its own FFmpeg children for the next one to find.
  sweepLeftovers(opts.dataDir);
  recordFfmpegChildrenIn(path.join(opts.dataDir, FFMPEG_CHILDREN_DIR));
  const ctx = {
    db: openDatabase(databasePath(opts.dataDir)),
    media: openMediaStore(opts.dataDir),
    dataDir: opts.dataDir,
    mediaBaseUrl: opts.mediaBaseUrl ?? '/media/',
    appVersion: opts.appVersion ?? packageVersion,
    electronVersion: opts.electronVersion ?? null,
    desktop: opts.desktop,
    emit: opts.emit ?? (() => undefined),
    now: () => new Date().toISOString(),
    newId: () => randomUUID(),
    binaries: () => resolveBinaries({ ffmpegPath: getSettings(ctx).ffmpegPath || null }),
    state: {
      projects: createProjectsState(opts.productPage),
      brandStyles: createBrandStylesState(),
      account: createAccountState({ ...opts.account, encryptor: opts.secretEncryptor }),
      exports: createExportJobsState(),
      billing: { waiting: null },
      variants: createVariantsState(),
      batch: createBatchAppState(),
      mediaInfo: new Map(),
    },
  } as Omit<ServiceContext, 'pipeline'> as ServiceContext;
  ctx.pipeline = createPipelineServices(ctx, opts.pipeline);
  return ctx;
}

export function createBackend(opts: BackendOptions): Backend {
  const listeners = new Set<(event: EventName, payload: Events[EventName]) => void>();
  let closed = false;
  const ctx = createServiceContext({
    ...opts,
    emit(event, payload) {
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch (err) {
          // A faulty listener must not fail the call that emitted the event.
          console.error(`zapcut: listener for ${event} threw:`, err);
        }
      }
    },
  });
  const { db, media } = ctx;

  // Generation runs a quit or crash interrupted continue now (issue 7).
  if (opts.resume?.runs !== false) startProjects(ctx);
  // Brand style trainings a quit or crash interrupted continue (issue 9).
  if (opts.resume?.trainings !== false) startBrandStyles(ctx);
  // Posts a quit or crash interrupted are kept with their upload state, ready to resume (issue 24).
  if (opts.resume?.posts !== false) startPublishing(ctx);

  async function dispatch(channel: string, input: unknown): Promise<Result<unknown>> {
    try {
      if (closed) throw new AppError('INTERNAL', 'The backend is shut down. Restart Zapcut.');
      if (typeof channel !== 'string' || !Object.hasOwn(channels, channel)) {
        throw new AppError('VALIDATION', `Unknown channel ${JSON.stringify(String(channel).slice(0, 80))}.`);
      }
      const name = channel as keyof typeof channels;
      const parsed = (channels[name].input as z.ZodType).safeParse(input === undefined ? {} : input);
      if (!parsed.success) {
        return { ok: false, error: { code: 'VALIDATION', message: z.prettifyError(parsed.error), details: toJson(parsed.error.issues) } };
      }
      const handler = handlers[name] as (c: ServiceContext, i: unknown) => unknown;
      return { ok: true, value: await handler(ctx, parsed.data) };
    } catch (err) {
      const shape = toErrorShape(err);
      if (!(err instanceof AppError)) console.error(`zapcut: ${channel} failed:`, err);
      return { ok: false, error: shape.details === undefined ? shape : { ...shape, details: toJson(shape.details) } };
    }
  }

  return {
    dataDir: opts.dataDir,
    pipeline: ctx.pipeline,
    runs: createHeadlessRuns(ctx),
    batches: {
      get: (id) => getBatch(db, id),
      open: (file, outDir, options, o) => openBatch(ctx, file, outDir, options, o),
      run: (plan, o) => runBatch(ctx, plan, o),
    },
    variants: {
      plan: (ref, spec) => planVariantSet(ctx, ref, spec),
      make: (plan, o) => makeVariantSet(ctx, plan, o),
      pack: (ref, folder, o) => makePack(ctx, ref, folder, o),
    },
    dispatch,
    emit: (event, payload) => ctx.emit(event, payload),
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    handleMediaRequest: (req) => handleMediaRequest(media, req),
    openAppLink: (url) => handleBillingLink(ctx, url),
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      stopProjects(ctx);
      stopBrandStyles(ctx);
      stopPublishing(ctx);
      ctx.state.variants.running?.controller.abort();
      stopBatches(ctx);
      closeDatabase(db);
    },
  };
}

/** Error details cross IPC/WebSocket: keep only what survives JSON (zod issues may hold bigint/symbols). */
function toJson(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))) as unknown;
  } catch {
    return undefined;
  }
}
