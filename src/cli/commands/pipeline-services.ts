/**
 * Wires the pipeline to this machine for the CLI: the SQLite database and media store under the
 * data folder (ZAPCUT_DATA_DIR), FFmpeg, the provider families and the exporter. The Electron
 * main process builds the same PipelineServices from its own singletons.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { databasePath, openDatabase, type Db } from '../../backend/storage/database';
import { sqliteRunStore } from '../../backend/storage/repos/runs';
import { findBrandIdByName, insertAdProject, insertBible, insertExport, insertStoryboard, insertTimeline, insertViolations, latestBible, setProjectStatus } from '../../backend/storage/repos/generation';
import { insertBrand } from '../../backend/storage/repos/brands';
import { openMediaStore, type MediaStore } from '../../backend/media-store/media-store';
import { resolveDataDir } from '../../backend/media-store/data-dir';
import { resolveBinaries } from '../../pipeline/ffmpeg/binaries';
import { cachedFamilies, pipelineExporter } from '../../pipeline/services';
import { offlineFamily } from '../../pipeline/providers/offline';
import { cliProxyFamily } from './proxy-family';
import type { ProviderFamily } from '../../pipeline/providers/types';
import type { PipelineServices } from '../../pipeline/generate';
import type { ResolvedBrief } from '../../pipeline/brief';
import type { GenerationRecorder } from '../../pipeline/stages/env';
import type { RunRecord } from '../../pipeline/engine/store';
import { randomUUID } from 'node:crypto';

export interface CliPipeline {
  db: Db;
  dataDir: string;
  services: PipelineServices;
  /** Brand (found by name or created) + ad project rows for a new run. */
  projectFor(brief: ResolvedBrief): string;
}

export function familyByName(name: string, ffmpegPath: string): ProviderFamily {
  if (name === 'offline') return offlineFamily({ ffmpegPath });
  if (name === 'proxy') throw new AppError('INTERNAL', 'The proxy family needs the run store and a session: it is built by openCliPipeline (CLI) or the main process, not by familyByName.');
  throw new AppError('VALIDATION', `Unknown provider "${name}". Use offline or proxy.`);
}

/**
 * PipelineServices over an open database and media store (the Electron main process can call
 * this with its own singletons; the CLI calls it through openCliPipeline).
 */
export function createPipelineServices(opts: {
  db: Db;
  media: MediaStore;
  dataDir: string;
  ffmpegPath: string;
  ffprobePath: string;
  families?: Record<string, ProviderFamily>;
}): PipelineServices {
  const { db } = opts;
  const recorder = (run: RunRecord): GenerationRecorder => {
    const projectId = run.projectId;
    const brandId = projectId ? (db.prepare('SELECT brand_id FROM ad_projects WHERE id = ?').get(projectId) as { brand_id: string | null } | undefined)?.brand_id ?? null : null;
    return {
      bibleForBrand: () => (brandId ? latestBible(db, brandId)?.bible : undefined),
      saveBible: (bible, source) => brandId && insertBible(db, brandId, bible, source),
      saveStoryboard: (sb, safety) => projectId && insertStoryboard(db, projectId, sb, safety),
      recordViolations: (v) => insertViolations(db, projectId, run.id, v),
      saveTimeline: (tl) => (projectId ? insertTimeline(db, projectId, tl) : ''),
      saveExport: (e) => {
        if (!projectId) return;
        insertExport(db, { projectId, timelineId: e.timelineId || null, preset: e.preset, sha256: e.sha256, thumbnailSha256: e.thumbnailSha256, durationMs: e.durationMs });
        setProjectStatus(db, projectId, 'ready');
      },
    };
  };
  return {
    store: sqliteRunStore(db),
    media: opts.media,
    ffmpegPath: opts.ffmpegPath,
    ffprobePath: opts.ffprobePath,
    workRoot: path.join(opts.dataDir, 'runs'),
    family: cachedFamilies((name) => familyByName(name, opts.ffmpegPath), opts.families),
    exportTimeline: pipelineExporter(opts),
    recorder,
  };
}

/** Brand (found by name or created) + ad project rows for a new run; returns the project id. */
export function projectForBrief(db: Db, brief: ResolvedBrief): string {
  const now = new Date().toISOString();
  const brandId =
    findBrandIdByName(db, brief.brand.name) ??
    insertBrand(db, { id: randomUUID(), name: brief.brand.name, description: brief.brand.description, guidelines: brief.brand.guidelines ?? '', colors: brief.brand.colors ?? [], createdAt: now, updatedAt: now }).id;
  return insertAdProject(db, { brandId, title: brief.product.name, brief, lengthSeconds: brief.lengthSeconds, aspect: brief.aspect });
}

export function openCliPipeline(extraFamilies: Record<string, ProviderFamily> = {}): CliPipeline {
  const dataDir = resolveDataDir();
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(databasePath(dataDir));
  const media = openMediaStore(dataDir);
  const bins = resolveBinaries();
  // The proxy family signs in through the keychain on its first call, so offline runs never touch it.
  const families: Record<string, ProviderFamily> = { proxy: cliProxyFamily(() => services.store, bins.ffmpegPath), ...extraFamilies };
  const services: PipelineServices = createPipelineServices({ db, media, dataDir, ffmpegPath: bins.ffmpegPath, ffprobePath: bins.ffprobePath, families });
  return { db, dataDir, services, projectFor: (brief) => projectForBrief(db, brief) };
}
