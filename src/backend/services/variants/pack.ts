/**
 * Platform packs (issue 23): a variant set (or one ad) as a folder an ads manager takes — per
 * placement, the variant of the shape that placement wants, named `<placement>-<variant>.mp4`,
 * each checked against that network's spec (a file that fails is left out and named), and a
 * `manifest.csv` (file, placement, hook, CTA, lines, length, aspect, size, variant id, sha256).
 * Written into a temporary folder beside the target and renamed into place: all or nothing.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { PLATFORM_SPECS } from '../../../shared/platforms';
import { checkAd } from '../../../shared/quality/check';
import { aspectSlug, csvField, DEFAULT_PLACEMENTS, MANIFEST_COLUMNS, slugify, type PackPlacement } from '../../../shared/variants';
import type { Aspect } from '../../../shared/domain/aspect';
import { inspectExport, planForCheck } from '../../../pipeline/quality/inspect';
import * as repo from '../../storage/repos/variants';
import { projectTitle } from '../../storage/repos/timelines';
import { renderCurrent } from '../projects/current';
import type { ServiceContext } from '../context';
import { resolveAd } from './source';

export interface PackRow {
  file: string;
  placement: PackPlacement;
  hook: string;
  cta: number;
  hookLine: string;
  ctaLine: string;
  lengthS: number;
  aspect: Aspect;
  width: number;
  height: number;
  variantId: string;
  sha256: string;
}

export interface PackResult {
  folder: string;
  manifest: string;
  rows: PackRow[];
  /** Files left out, and why (a failed platform check, no variant of a shape the placement takes). */
  skipped: { placement: PackPlacement; name: string; reason: string }[];
}

interface Member {
  projectId: string;
  name: string;
  hook: string;
  cta: number;
  hookLine: string;
  ctaLine: string;
  aspect: Aspect;
  variantId: string;
}

const ratio = (a: Aspect) => {
  const [w, h] = a.split(':').map(Number) as [number, number];
  return w / h;
};

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** The ads a pack is made of: a set's variants, or one ad (in its own shape and the shapes the placements want). */
function members(ctx: ServiceContext, ref: string, placements: readonly PackPlacement[]): { name: string; members: Member[] } {
  const found = resolveAd(ctx, ref);
  if (found.kind === 'set') {
    const set = repo.getVariantSet(ctx.db, found.setId)!;
    const vs = repo.listVariants(ctx.db, set.id);
    return { name: set.name, members: vs.map((v) => ({ projectId: v.projectId, name: v.name, hook: v.hook, cta: v.cta, hookLine: v.hookLine, ctaLine: v.ctaLine, aspect: v.aspect as Aspect, variantId: v.id })) };
  }
  const v = repo.variantOfProject(ctx.db, found.projectId);
  const title = projectTitle(ctx.db, found.projectId)?.title ?? 'ad';
  if (v) return { name: v.name, members: [{ projectId: v.projectId, name: v.name, hook: v.hook, cta: v.cta, hookLine: v.hookLine, ctaLine: v.ctaLine, aspect: v.aspect as Aspect, variantId: v.id }] };
  // One ad that is not a variant: each placement's shape is rendered from it (the ad is the same in each).
  const aspects = [...new Set(placements.map((p) => PLATFORM_SPECS[p].preferredAspect))];
  return { name: slugify(title), members: aspects.map((aspect) => ({ projectId: found.projectId, name: `${slugify(title)}-${aspectSlug(aspect)}`, hook: 'A', cta: 1, hookLine: '', ctaLine: '', aspect, variantId: '' })) };
}

/** For one placement, the members to ship: per hook × CTA, the shape it prefers, else one its spec accepts. */
function forPlacement(all: Member[], placement: PackPlacement): Member[] {
  const spec = PLATFORM_SPECS[placement];
  const groups = new Map<string, Member[]>();
  for (const m of all) groups.set(`${m.hook}|${m.cta}`, [...(groups.get(`${m.hook}|${m.cta}`) ?? []), m]);
  const out: Member[] = [];
  for (const g of groups.values()) {
    const pick = g.find((m) => m.aspect === spec.preferredAspect) ?? g.find((m) => ratio(m.aspect) >= spec.aspect.min - 1e-3 && ratio(m.aspect) <= spec.aspect.max + 1e-3);
    if (pick) out.push(pick);
  }
  return out;
}

export async function makePack(ctx: ServiceContext, ref: string, folder: string, opts: { placements?: PackPlacement[]; onProgress?: (done: number, total: number, file: string) => void; signal?: AbortSignal } = {}): Promise<PackResult> {
  const placements = opts.placements?.length ? opts.placements : [...DEFAULT_PLACEMENTS];
  const dest = path.resolve(folder);
  const existing = await readdir(dest).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
  if (existing && existing.length) throw new AppError('CONFLICT', `${dest} already has files in it. Choose a new or empty folder (a pack is written whole).`);
  const parent = path.dirname(dest);
  if (!(await stat(parent).catch(() => null))?.isDirectory()) throw new AppError('IO', `The folder ${parent} does not exist. Create it or choose another one.`);
  const { members: all } = members(ctx, ref, placements);
  const jobs = placements.flatMap((p) => forPlacement(all, p).map((m) => ({ placement: p, m })));
  const skipped: PackResult['skipped'] = placements.filter((p) => forPlacement(all, p).length === 0).map((p) => ({ placement: p, name: '', reason: `no variant in a shape ${PLATFORM_SPECS[p].name} takes (it wants ${PLATFORM_SPECS[p].preferredAspect}); make the set with that aspect` }));
  const temp = path.join(parent, `.${path.basename(dest)}.${ctx.newId()}.partial`);
  await mkdir(temp, { recursive: true });
  const rows: PackRow[] = [];
  try {
    for (const [i, { placement, m }] of jobs.entries()) {
      if (opts.signal?.aborted) throw new AppError('CANCELLED', 'Stopped; nothing was written (a pack is whole or absent).');
      const file = `${placement}-${m.name}.mp4`;
      // The ad as it is now (an edited variant is rendered again first), with its variant id in the file.
      const r = await renderCurrent(ctx, m.projectId, m.aspect);
      const src = r ? await ctx.media.resolve(r.sha256) : undefined;
      if (!src) throw new AppError('NOT_FOUND', `${m.name} has no render; open it in the app and export it once.`);
      const inspection = await inspectExport(src.path, ctx.binaries(), opts.signal);
      const report = checkAd(inspection.facts, planForCheck(inspection), placement);
      opts.onProgress?.(i + 1, jobs.length, file);
      if (!report.ok) {
        // Each message is a sentence; joined they read as one (no "1080p.;").
        const why = report.items.filter((it) => it.status === 'fail').map((it) => it.message.replace(/\.+$/u, ''));
        skipped.push({ placement, name: m.name, reason: `fails the ${PLATFORM_SPECS[placement].name} check: ${why.join('; ')}` });
        continue;
      }
      await copyFile(src.path, path.join(temp, file));
      const v = inspection.facts.video;
      rows.push({ file, placement, hook: m.hook, cta: m.cta, hookLine: m.hookLine, ctaLine: m.ctaLine, lengthS: Math.round(inspection.facts.durationS * 100) / 100, aspect: m.aspect, width: v?.width ?? 0, height: v?.height ?? 0, variantId: inspection.variantId ?? m.variantId, sha256: await sha256File(path.join(temp, file)) });
    }
    if (opts.signal?.aborted) throw new AppError('CANCELLED', 'Stopped; nothing was written (a pack is whole or absent).');
    const csv = [MANIFEST_COLUMNS.join(','), ...rows.map((r) => [r.file, r.placement, r.hook, r.cta, r.hookLine, r.ctaLine, r.lengthS, r.aspect, r.width, r.height, r.variantId, r.sha256].map(csvField).join(','))].join('\r\n') + '\r\n';
    await writeFile(path.join(temp, 'manifest.csv'), csv);
    if (existing) await rmdir(dest);
    await rename(temp, dest);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  return { folder: dest, manifest: path.join(dest, 'manifest.csv'), rows, skipped };
}
