/**
 * Text pictures cached by the hash of their spec (text + style + box + size): a re-render, an
 * export after a preview, or a second aspect's identical caption costs a file lookup. Files:
 * `<dir>/<key>.png` and `<key>.json` (the fit), written atomically (temp + rename).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { specKey, type Plan, type TextRaster, type TextRasters, type TextSpec } from '../../shared/timeline';
import { renderText, skiaMeasurer } from './render';

interface Meta {
  width: number;
  height: number;
  fontSize: number;
  lines: string[];
  truncated: boolean;
}

export class TextCache {
  private readonly memo = new Map<string, TextRaster>();
  /** One measurer per font (its widths are memoised). */
  private readonly measurers = new Map<string, ReturnType<typeof skiaMeasurer>>();
  /** Renders done by this cache (not found on disk): for tests and logs. */
  rendered = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  get(spec: TextSpec): TextRaster {
    const key = specKey(spec);
    const hit = this.memo.get(key);
    if (hit) return hit;
    const png = path.join(this.dir, `${key}.png`);
    const json = path.join(this.dir, `${key}.json`);
    let meta: Meta | null = null;
    if (existsSync(png) && existsSync(json)) {
      try {
        meta = JSON.parse(readFileSync(json, 'utf8')) as Meta;
      } catch {
        meta = null;
      }
    }
    if (!meta) {
      const f = spec.font ?? '';
      let m = this.measurers.get(f);
      if (!m) this.measurers.set(f, (m = skiaMeasurer(spec.font)));
      const r = renderText(spec, m);
      this.rendered++;
      const tmp = `${png}.${process.pid}.tmp`;
      writeFileSync(tmp, r.png);
      renameSync(tmp, png);
      meta = { width: r.width, height: r.height, fontSize: r.fontSize, lines: r.lines, truncated: r.truncated };
      writeFileSync(`${json}.${process.pid}.tmp`, JSON.stringify(meta));
      renameSync(`${json}.${process.pid}.tmp`, json);
    }
    const raster: TextRaster = { key, src: png, ...meta };
    this.memo.set(key, raster);
    return raster;
  }

  /** The lookup `compile` takes. */
  lookup(): TextRasters {
    return (spec) => this.get(spec);
  }
}

/** Every text spec a plan needs rendered (its text layers' specs, deduplicated). */
export function planTextSpecs(plan: Plan): TextSpec[] {
  const seen = new Map<string, TextSpec>();
  for (const l of plan.layers) if (l.kind === 'text') seen.set(specKey(l.spec), l.spec);
  return [...seen.values()];
}
