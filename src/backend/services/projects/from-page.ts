/**
 * New ad from a product page (issue 22): the app reads the shop's page on this computer through the
 * one guarded fetcher (https only, public addresses, size and time limits — product-page/), takes
 * the product's name and description, imports the page's product pictures into the brand through
 * the normal import checks (all or nothing), and only then creates the ad, whose chat starts with
 * what it read and asks the rest. A page that is not a product page, or whose pictures all fail,
 * leaves nothing behind: no pictures added, no ad made. Page text is data: it only fills the two
 * text slots, which the creator sees in the first message and in the summary they approve.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AdProjectView } from '../../../shared/domain/ads';
import { requireBrand } from '../brands';
import { importAssets } from '../assets';
import type { ServiceContext } from '../context';
import { briefFromPage } from '../../product-page/brief-from-page';
import { createProject } from './service';

export async function createProjectFromPage(ctx: ServiceContext, brandId: string, url: string): Promise<AdProjectView> {
  const brand = requireBrand(ctx, brandId);
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-page-'));
  try {
    const made = await briefFromPage(url, dir, '.', { bins: ctx.binaries(), allowLoopbackHttpForTests: ctx.state.projects.pageLoopbackForTests });
    const assets = await importAssets(ctx, { brandId, files: made.images.map((i) => ({ path: i.file })) });
    const product = made.brief.product;
    const host = new URL(made.page.url).hostname.replace(/^www\./u, '');
    const skipped = made.skipped.length ? ` (${made.skipped.length} other picture${made.skipped.length === 1 ? '' : 's'} on the page could not be used)` : '';
    const intro = [
      `Hi! I read the product page on ${host}:`,
      `• Product: ${product.name}`,
      `• Description: ${product.description}`,
      `I added ${assets.length} product picture${assets.length === 1 ? '' : 's'} from the page to ${brand.name}${skipped}. Everything from the page is shown again in the summary before anything is drafted, and you can change it there.`,
    ].join('\n');
    return createProject(ctx, brandId, { slots: { productName: product.name, productDescription: product.description }, intro });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
