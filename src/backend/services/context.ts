import type { Db } from '../storage/database';
import type { MediaStore } from '../media-store';
import type { EventName, Events } from '../../shared/contract';
import type { MediaInfo } from '../../shared/domain/editor';
import type { FfmpegBinaries } from '../../pipeline/ffmpeg/binaries';
import type { PipelineServices } from '../../pipeline/generate';
import type { DesktopHooks } from './desktop';
import type { AccountState } from './account/service';
import type { ProjectsState } from './projects/service';
import type { BrandStylesState } from './brand-style/service';
import type { ExportJobsState } from './editor/export-jobs';
import type { BillingState } from './billing/service';
import type { VariantsState } from './variants/app';
import type { BatchAppState } from './batch/app';

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
  /** FFmpeg and ffprobe as Settings name them (else ZAPCUT_FFMPEG_PATH, else bundled): generation, editor exports and variants all use these. */
  binaries(): FfmpegBinaries;
  /** The one pipeline wiring (src/backend/pipeline-services.ts), built once with the context. */
  pipeline: PipelineServices;
  /** What the services keep in memory for this backend (live runs, drafts, trainings, the session, exports). */
  state: BackendState;
}

/** Per-backend state, one field per service that keeps some: never in module-level maps. */
export interface BackendState {
  projects: ProjectsState;
  brandStyles: BrandStylesState;
  account: AccountState;
  exports: ExportJobsState;
  billing: BillingState;
  /** The variant set being made in the app (issue 23). */
  variants: VariantsState;
  /** The Batch screen's running batch (issue 23). */
  batch: BatchAppState;
  /** Filmstrip/waveform computations in flight, by sha256 (one per file at a time). */
  mediaInfo: Map<string, Promise<MediaInfo>>;
}
