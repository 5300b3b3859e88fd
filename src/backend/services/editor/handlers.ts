/** The editor's channel handlers, spread into the backend's handler table. */
import type { Handlers } from '../handlers';
import { openProject, saveProject } from './documents';
import { cancelExport, exportDefaults, startExport } from './export-jobs';
import { importMedia, relinkMedia } from './media';
import { mediaInfo } from './media-info';
import { textRasters } from './text-rasters';
import { listVersions, restoreVersion } from './versions';

export const editorHandlers = {
  'editor/open': (ctx, input) => openProject(ctx, input),
  'editor/save': (ctx, input) => saveProject(ctx, input),
  'editor/versions': (ctx, { projectId }) => listVersions(ctx, projectId),
  'editor/restore': (ctx, input) => restoreVersion(ctx, input),
  'editor/importMedia': (ctx, input) => importMedia(ctx, input),
  'editor/mediaInfo': (ctx, { sha256 }) => mediaInfo(ctx, sha256),
  'editor/relink': (ctx, input) => relinkMedia(ctx, input),
  'editor/textRasters': (ctx, { specs }) => textRasters(ctx, specs),
  'export/start': (ctx, input) => startExport(ctx, input),
  'export/cancel': (ctx, { exportId }) => cancelExport(ctx, exportId),
  'export/defaults': (ctx, { projectId }) => exportDefaults(ctx, projectId),
} satisfies Partial<Handlers>;
