/**
 * Text pictures for the preview: the same engine and cache the export uses
 * (src/pipeline/text), stored in the media store so the renderer loads them like any media.
 * A spec rendered once is a map lookup afterwards (the editor asks on every edit).
 */
import path from 'node:path';
import type { TextRasterView } from '../../../shared/domain/editor';
import type { TextSpec } from '../../../shared/timeline';
import { TextCache } from '../../../pipeline/text/cache';
import type { ServiceContext } from '../context';

const caches = new Map<string, { cache: TextCache; stored: Map<string, string> }>();

/** The text cache folder of a data folder (exports use it too). */
export function textCacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache', 'text');
}

export async function textRasters(ctx: ServiceContext, specs: TextSpec[]): Promise<TextRasterView[]> {
  let entry = caches.get(ctx.dataDir);
  if (!entry) {
    entry = { cache: new TextCache(textCacheDir(ctx.dataDir)), stored: new Map() };
    caches.set(ctx.dataDir, entry);
  }
  const out: TextRasterView[] = [];
  for (const spec of specs) {
    // Rendering is synchronous (Skia): yield between pictures so media requests keep flowing.
    await new Promise((r) => setImmediate(r));
    const r = entry.cache.get(spec);
    let sha = entry.stored.get(r.key);
    if (!sha || !(await ctx.media.resolve(sha))) {
      sha = (await ctx.media.putFile(r.src)).sha256;
      entry.stored.set(r.key, sha);
    }
    out.push({ key: r.key, url: `${ctx.mediaBaseUrl}${sha}`, width: r.width, height: r.height, fontSize: r.fontSize, lines: r.lines, truncated: r.truncated });
  }
  return out;
}
