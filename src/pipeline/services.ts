/**
 * Pieces every shell (the app's projects service, the CLI) needs to build PipelineServices the same
 * way: a provider-family lookup that builds each family once, and the compose exporter adapted to
 * the pipeline's ExportRequest.
 */
import { exportTimeline } from './compose/export';
import type { ProviderFamily } from './providers/types';
import type { ExportRequest } from './stages/env';

/** `family(name)` that calls `create(name)` once per name (a family holds clients and caches). */
export function cachedFamilies(create: (name: string) => ProviderFamily, initial: Record<string, ProviderFamily> = {}): (name: string) => ProviderFamily {
  const families = new Map<string, ProviderFamily>(Object.entries(initial));
  return (name) => {
    let f = families.get(name);
    if (!f) {
      f = create(name);
      families.set(name, f);
    }
    return f;
  };
}

/** The pipeline's `export:<aspect>` step through the one exporter, with the run's FFmpeg. */
export function pipelineExporter(bins: { ffmpegPath: string; ffprobePath: string }): (req: ExportRequest) => Promise<void> {
  return async (req) => {
    await exportTimeline(req.timeline, {
      resolveMedia: (id) => req.resolveMedia(id),
      out: req.output,
      thumbnail: req.thumbnail,
      shortSide: req.shortSide,
      ffmpegPath: bins.ffmpegPath,
      ffprobePath: bins.ffprobePath,
      signal: req.signal,
      onProgress: (p) => req.onProgress(p.percent / 100),
    });
  };
}
