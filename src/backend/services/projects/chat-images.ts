/**
 * The brand's product pictures as the AI chat sends them (issue 22): Messages API image blocks
 * (base64 + media_type) made from the thumbnails import already wrote — at most 512 px on the long
 * side, PNG/JPEG/WebP, so a picture costs the model a few hundred tokens, not a full-size upload.
 * The media type is read from the bytes, never from a name.
 */
import { readFile } from 'node:fs/promises';
import type { ServiceContext } from '../context';
import * as brands from '../../storage/repos';
import { sniffMedia } from '../../media-store/sniff';
import type { ChatPicture } from './orchestrator-model';
import { inUseOrder } from '../product-roles';

/** The pictures the chat shows the model (the first ones the brand has). */
export const CHAT_IMAGES = 4;
/** The Messages API's limit per image (base64 text), with room to spare; a thumbnail never comes near it. */
const MAX_BASE64 = 5 * 1024 * 1024;

/** The pictures hero first, each with its role (the model is told which picture is which). */
export async function chatImageBlocks(ctx: ServiceContext, brandId: string | null): Promise<ChatPicture[]> {
  if (!brandId) return [];
  const out: ChatPicture[] = [];
  for (const { record: a, role } of inUseOrder(brands.listBrandAssets(ctx.db, brandId, 'product'))) {
    if (out.length === CHAT_IMAGES) break;
    if (a.kind !== 'image') continue;
    const file = await ctx.media.resolve(a.thumbnailSha256 ?? a.sha256);
    if (!file) continue;
    const bytes = await readFile(file.path);
    const type = sniffMedia(bytes.subarray(0, 16));
    if (type?.kind !== 'image') continue;
    const data = bytes.toString('base64');
    if (data.length > MAX_BASE64) continue;
    out.push({ role, block: { type: 'image', source: { type: 'base64', media_type: type.mime, data } } });
  }
  return out;
}
