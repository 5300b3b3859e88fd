/**
 * The captions' style for the whole ad (issue 16): a creator picks the look (pop, boxed, karaoke)
 * and the highlight colour once, not caption page by caption page. One undo step.
 */
import type { TextStyle, Timeline } from '../model';
import type { EditCommand } from './types';

/** Ids of the ad's captions (the voiceover's words), in track order. */
export function captionIds(tl: Timeline): string[] {
  return tl.overlays.flatMap((t) => t.items.flatMap((i) => (i.kind === 'text' && i.role === 'caption' ? [i.id] : [])));
}

/** Every caption gets this look and highlight, as one command (one undo step). */
export function styleAllCaptions(tl: Timeline, style: Pick<TextStyle, 'look' | 'accent'>): EditCommand {
  const patch: Partial<TextStyle> = { ...(style.look ? { look: style.look } : {}), ...(style.accent ? { accent: style.accent } : {}) };
  return { type: 'batch', commands: captionIds(tl).map((itemId) => ({ type: 'setText', itemId, style: patch })) };
}
