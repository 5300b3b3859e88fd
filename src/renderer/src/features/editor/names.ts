/**
 * What the editor calls things (issue 19 #13): an item is named by what it is — the scene
 * ("Scene 4"), the file's own name, "Product picture 2", the title's text — never by an internal
 * id ("scene-4") or a stored file's hash, and refusals from the shared commands are reworded the
 * same way before a person reads them.
 */
import type { TFunction } from 'i18next';

type EditorT = TFunction<'translation', 'editor'>;
import type { ItemRef, Timeline } from '../../../../shared/timeline';
import { locate } from '../../../../shared/timeline/commands';
import { clock, secondsText, timecode, type TimeUnit } from './format';

/** A stored file's name is its content hash (`3fa9…e1.png`): that names nothing a person knows. */
export function isHashName(name: string): boolean {
  return /^[0-9a-f]{16,}$/i.test(name.replace(/\.[a-z0-9]{2,5}$/i, ''));
}

/** A media entry's name for a person: its own name unless that is a hash or missing. */
export function mediaName(t: EditorT, mediaId: string, name: string | undefined): string {
  if (name && !isHashName(name)) return name;
  const product = /^product-(\d+)(-cutout)?$/.exec(mediaId);
  if (product) return t(product[2] ? 'names.productCutout' : 'names.product', { n: Number(product[1]) });
  const scene = /^scene-(\d+)$/.exec(mediaId);
  if (scene) return t('names.scene', { n: Number(scene[1]) });
  if (mediaId === 'logo') return t('names.logo');
  return t('names.file');
}

const quoted = (s: string) => `“${s.length > 40 ? `${s.slice(0, 39)}…` : s}”`;

/** The timeline item `id` as a person knows it, or null when the timeline has no such item. */
export function itemName(t: EditorT, doc: Timeline, id: string, names: Record<string, string | undefined> = {}): string | null {
  const at = locate(doc, id);
  if (!at) return null;
  const media = (mediaId: string) => ({ media: mediaId, name: doc.media[mediaId]?.name });
  if (at.where === 'main') return refName(t, { id, kind: 'clip', ...media(at.clip.media) }, names);
  if (at.where === 'audio') return refName(t, { id, kind: 'audio', ...media(at.clip.media) }, names);
  const it = at.item;
  return refName(t, it.kind === 'text' ? { id, kind: 'text', role: it.role, text: it.text } : { id, kind: 'image', ...media(it.media) }, names);
}

/**
 * An item described by the timeline check (`ItemRef`) as a person knows it — the one place the
 * editor turns an item into words, with or without the document at hand (a toast has none).
 */
export function refName(t: EditorT, ref: ItemRef, names: Record<string, string | undefined> = {}): string {
  if (ref.kind === 'text') {
    const role = ref.role ? t(`tracks.roles.${ref.role as 'title'}`, { defaultValue: t('names.text') }) : t('names.text');
    return ref.text?.trim() ? `${role} ${quoted(ref.text)}` : role;
  }
  if (ref.kind === 'track') return ref.role === 'voice' || ref.role === 'music' || ref.role === 'sfx' ? t(`names.track`, { track: t(`tracks.${ref.role}`) }) : t('names.overlayTrack');
  if (ref.kind === 'media') return mediaName(t, ref.id, names[ref.id] ?? ref.name);
  if (ref.media) return mediaName(t, ref.media, names[ref.media] ?? ref.name);
  return t('names.item');
}

/**
 * A refusal from the shared commands or the timeline check, as a person reads it: quoted item
 * ids become the items' names, and in seconds mode "frame 75" / "15 frames" become times.
 */
export function humanReason(t: EditorT, reason: string, doc: Timeline, unit: TimeUnit, names: Record<string, string | undefined> = {}): string {
  let out = reason.replace(/(?:(?:main clip|clip|overlay|text item|audio clip|voice clip|music clip|sfx clip|id) )?"([^"]+)"/g, (whole, id: string) => itemName(t, doc, id, names) ?? (doc.media[id] ? mediaName(t, id, names[id] ?? doc.media[id]!.name) : whole));
  if (unit === 'seconds') {
    out = out
      .replace(/\bframe (\d+)/g, (_, f: string) => clock(Number(f), doc.fps))
      .replace(/\((\d+)[–-](\d+)\)/g, (_, a: string, b: string) => `(${clock(Number(a), doc.fps)}–${clock(Number(b), doc.fps)})`)
      .replace(/\b(\d+) frames\b/g, (_, f: string) => t('time.seconds', { s: secondsText(Number(f), doc.fps) }))
      .replace(/\b(\d+)-frame\b/g, (_, f: string) => t('time.seconds', { s: secondsText(Number(f), doc.fps) }));
  }
  return out;
}

/** Lengths and moments in the unit the person chose: `dur(15)` → "0.5 s" or "15 f"; `at(45)` → "0:01.5" or "00:01:15". */
export function timeText(t: EditorT, fps: number, unit: TimeUnit) {
  return {
    dur: (f: number) => (unit === 'seconds' ? t('time.seconds', { s: secondsText(f, fps) }) : t('time.frames', { f: Math.round(f) })),
    at: (f: number) => (unit === 'seconds' ? clock(f, fps) : timecode(f, fps)),
    unitLabel: t(unit === 'seconds' ? 'time.unitSeconds' : 'time.unitFrames'),
  };
}
