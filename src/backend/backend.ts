/**
 * The backend as one object, usable without Electron: Electron's main process, the WebSocket
 * contract harness and the CLI all construct it the same way.
 *
 *   const backend = createBackend({ dataDir, mediaBaseUrl: 'zapcut-media://media/' });
 *   await backend.dispatch('brand/create', { name: 'Acme' }); // → { ok: true, value: Brand }
 *
 * dispatch validates the channel and input against src/shared/contract.ts, calls the service and
 * returns `{ ok, value } | { ok: false, error: { code, message } }`. It never throws and never
 * leaves a rejected promise behind.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { channels, type EventName, type Events } from '../shared/contract';
import { AppError, toErrorShape, type Result } from '../shared/errors';
import { databasePath, openDatabase } from './storage/database';
import { openMediaStore } from './media-store';
import { handleMediaRequest } from './media-protocol';
import { handlers } from './services/handlers';
import type { ServiceContext } from './services/context';
import type { DesktopHooks } from './services/desktop';
import { startProjects, stopProjects } from './services/projects/service';
import { startBrandStyles, stopBrandStyles } from './services/brand-style/service';
import { configureAccount } from './services/account/service';
import { startPublishing, stopPublishing } from './services/publish/posts';
import type { Encryptor } from './session/encrypted-file-store';
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
  close(): void;
}

export function createBackend(opts: BackendOptions): Backend {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(databasePath(opts.dataDir));
  const media = openMediaStore(opts.dataDir);
  const listeners = new Set<(event: EventName, payload: Events[EventName]) => void>();
  let closed = false;

  const ctx: ServiceContext = {
    db,
    media,
    dataDir: opts.dataDir,
    mediaBaseUrl: opts.mediaBaseUrl,
    appVersion: opts.appVersion ?? packageVersion,
    electronVersion: opts.electronVersion ?? null,
    desktop: opts.desktop,
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
    now: () => new Date().toISOString(),
    newId: () => randomUUID(),
  };

  // Where the account session's tokens live (keychain, else safeStorage file, else memory).
  configureAccount(ctx, { encryptor: opts.secretEncryptor });
  // Generation runs a quit or crash interrupted continue now (issue 7).
  startProjects(ctx);
  // Brand style trainings a quit or crash interrupted continue (issue 9).
  startBrandStyles(ctx);
  // Posts a quit or crash interrupted are kept with their upload state, ready to resume (issue 24).
  startPublishing(ctx);

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
      try {
        // Fold the WAL back into the main file so a copied data folder is complete on its own.
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
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
