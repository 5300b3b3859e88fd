import type { Db } from '../storage/database';
import type { MediaStore } from '../media-store';
import type { EventName, Events } from '../../shared/contract';
import type { DesktopHooks } from './desktop';

/** Everything a service needs, built once by createBackend. Services never import Electron. */
export interface ServiceContext {
  db: Db;
  media: MediaStore;
  dataDir: string;
  /** Prefix for renderer-loadable media URLs; an asset's URL is `${mediaBaseUrl}${sha256}`. */
  mediaBaseUrl: string;
  appVersion: string;
  /** Electron's version when running inside Electron; null in the harness / CLI. */
  electronVersion: string | null;
  /** Electron-only hooks (logs folder, updates, renderer error log); undefined in harness / CLI. */
  desktop?: DesktopHooks;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  now(): string;
  newId(): string;
}
