/**
 * The compose exporter adapted to the pipeline's ExportRequest (src/backend/pipeline-services.ts
 * wires it; benches and tests without a backend use it too).
 */
import { exportTimeline } from './compose/export';
import type { ExportRequest } from './stages/env';

/** The pipeline's `export:<aspect>` step through the one exporter, with the FFmpeg `bins()` names now. */
export function pipelineExporter(binaries: () => { ffmpegPath: string; ffprobePath: string }): (req: ExportRequest) => Promise<void> {
  return async (req) => {
    const bins = binaries();
    await exportTimeline(req.timeline, {
      resolveMedia: (id) => req.resolveMedia(id),
      out: req.output,
      thumbnail: req.thumbnail,
      shortSide: req.shortSide,
      ffmpegPath: bins.ffmpegPath,
      ffprobePath: bins.ffprobePath,
      signal: req.signal,
      onProgress: (p) => req.onProgress(p.percent),
    });
  };
}
