/**
 * The picture each storyboard scene will use, for the chat to show beside the scene (issue 22):
 * the creator's own picture attached to the scene idea the card came from, else the scene's
 * keyframe once the approved storyboard's run made one, else the brand's hero product shot (the
 * picture the pipeline's keyframes and animatic start from, services/product-roles.ts). Thumbnails
 * where import made one; every URL is on the media protocol, never a path.
 */
import type { PicturesView, ScenePicture, Slots, StoryboardView } from '../../../shared/domain/ads';
import * as repo from '../../storage/repos';
import type { ServiceContext } from '../context';
import { inUseOrder } from '../product-roles';

/** A stored picture's thumbnail URL (or the picture's own when it has none). */
function mediaUrl(ctx: ServiceContext, sha: string): string {
  const a = repo.findAssetBySha(ctx.db, sha);
  return `${ctx.mediaBaseUrl}${a?.sha256 === sha && a.thumbnailSha256 ? a.thumbnailSha256 : sha}`;
}

export function withScenePictures(
  ctx: ServiceContext,
  view: StoryboardView,
  opts: { brandId: string | null; ideas: Slots['scenes']; pictures: PicturesView | null },
): StoryboardView {
  const hero = opts.brandId ? inUseOrder(repo.listBrandAssets(ctx.db, opts.brandId, 'product').filter((a) => a.kind === 'image'))[0]?.record : undefined;
  const heroPicture: ScenePicture | null = hero ? { url: mediaUrl(ctx, hero.sha256), from: 'product' } : null;
  // Keyframes belong to the run of the approved storyboard; a draft under review has none yet.
  const keyframes = view.approvedAt && opts.pictures ? opts.pictures.keyframes : [];
  return {
    ...view,
    scenes: view.scenes.map((s) => {
      const ideaSha = s.idea ? opts.ideas?.[s.idea - 1]?.images?.[0] : undefined;
      const keyframe = keyframes.find((k) => k.index === s.index && k.state === 'done' && k.url);
      const picture: ScenePicture | null = ideaSha ? { url: mediaUrl(ctx, ideaSha), from: 'idea' } : keyframe?.url ? { url: keyframe.url, from: 'keyframe' } : heroPicture;
      return { ...s, picture };
    }),
  };
}
