/**
 * The timeline document — the product (ARCHITECTURE.md "The timeline is the product"). The
 * pipeline writes it, the editor edits it, every MP4 is an export of it.
 *
 * Conventions:
 * - Time is integer frames at the project `fps`. Ranges are half-open: an item with `start` 30
 *   and `duration` 60 covers frames 30…89. Source ranges (`in`/`out`) are frames of the source
 *   counted at the project fps (source time = in / fps seconds), also half-open.
 * - Media is referenced by id into `media`, where each entry names the asset by sha256 and/or
 *   asset id (a relative `file` is allowed for portable bundles) — never by absolute path. An
 *   exporter gets a resolver that turns an entry into a local path.
 * - Positions/sizes are "reference pixels": pixels of a frame whose short side is 1080. They
 *   scale with the output (×2 for 4K, ×0.5 for a 540p draft), so a 400-wide product shot is
 *   400 px at 1080p in every aspect preset. Placement is relative to an anchor (a corner, an
 *   edge centre or the centre), so "bottom-right, 40 px padding" survives a preset change.
 * - Gains are linear multipliers (1 = 100 %). Opacity is 0–1.
 */
import { z } from 'zod';
import { FontRef } from './fonts';

export const TIMELINE_SCHEMA = 'zapcut.timeline';
export const TIMELINE_VERSION = 1;

/** Output aspect presets and their full-quality frame sizes. */
export const AspectPreset = z.enum(['16:9', '9:16', '1:1', '4k']);
export type AspectPreset = z.infer<typeof AspectPreset>;
export const PRESET_SIZES: Record<AspectPreset, { width: number; height: number }> = {
  '16:9': { width: 1920, height: 1080 },
  '9:16': { width: 1080, height: 1920 },
  '1:1': { width: 1080, height: 1080 },
  '4k': { width: 3840, height: 2160 },
};

export const ItemId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits, _ . : -');
const Frame = z.number().int().min(0).max(10_000_000);
const Length = z.number().int().min(1).max(10_000_000);
const Gain = z.number().min(0).max(4);
const Opacity = z.number().min(0).max(1);
export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #RRGGBB');
/** Reference pixels (see header): may be negative to push something partly off-frame. */
const RefPx = z.number().min(-20_000).max(20_000);

/** A relative path inside a project bundle ("media/scene1.mp4"); absolute paths are refused. */
const RelativeFile = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !/^([a-zA-Z]:|[\\/])/.test(p) && !p.split(/[\\/]/).includes('..'), 'must be a relative path inside the project (no leading / or drive, no ..)');

export const MediaKind = z.enum(['video', 'image', 'audio']);
export type MediaKind = z.infer<typeof MediaKind>;

export const MediaEntry = z
  .object({
    kind: MediaKind,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex sha256').optional(),
    assetId: z.string().min(1).max(64).optional(),
    file: RelativeFile.optional(),
    /** Human name for error messages and the editor. */
    name: z.string().max(255).optional(),
    /** A picture's natural size (px), when the writer knew it: the layout picks the end card's shape by it (a tall product stands beside the text). */
    width: z.number().int().min(1).max(65535).optional(),
    height: z.number().int().min(1).max(65535).optional(),
  })
  .strict()
  .refine((m) => m.sha256 || m.assetId || m.file, 'a media entry needs a sha256, an assetId or a relative file');
export type MediaEntry = z.infer<typeof MediaEntry>;

/**
 * What every clip (main track and audio) has: where it sits (`start`), which media and which
 * source range (`in`…`out`, frames at the project fps), and the gain of its sound (generated
 * scenes are often silent; 0 mutes).
 */
const ClipSource = {
  id: ItemId,
  media: ItemId,
  start: Frame,
  in: Frame.default(0),
  out: Length,
  gain: Gain.default(1),
};

/** How a clip joins the one before it on the main track. `frames` is the transition length. */
export const Transition = z
  .object({
    kind: z.enum(['cut', 'crossfade', 'dip']),
    frames: Frame.default(0),
  })
  .strict();
export type Transition = z.infer<typeof Transition>;

/**
 * A main-track clip. Crossfade: the clip must start exactly `frames` before the previous one
 * ends (the two overlap). Cut and dip-to-black: it starts at or after the previous end (a gap
 * shows the background). A dip fades the previous clip out over its last frames/2 and this one
 * in over its first frames/2.
 */
export const MainClip = z
  .object({
    ...ClipSource,
    fit: z.enum(['cover', 'contain']).default('cover'),
    transitionIn: Transition.default({ kind: 'cut', frames: 0 }),
  })
  .strict();
export type MainClip = z.infer<typeof MainClip>;

export const Anchor = z.enum(['top-left', 'top', 'top-right', 'left', 'center', 'right', 'bottom-left', 'bottom', 'bottom-right']);
export type Anchor = z.infer<typeof Anchor>;

/** Where an overlay sits: offsets inward from the anchor, in reference pixels. */
export const Placement = z
  .object({
    anchor: Anchor.default('center'),
    x: RefPx.default(0),
    y: RefPx.default(0),
    /** Width (images: drawn width; text: wrap width). Omit for text to never wrap. */
    w: z.number().positive().max(20_000).optional(),
    /** Images only: height; omit to keep the image's aspect ratio. */
    h: z.number().positive().max(20_000).optional(),
  })
  .strict();
export type Placement = z.infer<typeof Placement>;

const OverlayTiming = {
  id: ItemId,
  start: Frame,
  duration: Length,
  opacity: Opacity.default(1),
  fadeInFrames: Frame.default(0),
  fadeOutFrames: Frame.default(0),
};

/**
 * Layout slots: where the layout solver (`text-layout.ts`) puts an item for the output preset,
 * inside the platforms' safe area and never over another slot. An item with a slot has no
 * `placement` of its own, so every aspect lays it out afresh; an item with a `placement` stays
 * where the editor put it.
 */
export const ImageSlot = z.enum(['hero', 'side', 'logo', 'wordmark']);
export type ImageSlot = z.infer<typeof ImageSlot>;

export const ImageItem = z
  .object({
    ...OverlayTiming,
    kind: z.literal('image'),
    media: ItemId,
    /** Manual placement; ignored when `slot` is set. */
    placement: Placement.default({ anchor: 'center', x: 0, y: 0 }),
    /** `hero`: the product shot; `side`: a product pop beside it (16:9; the hero slot elsewhere); `logo`: the end card's logo; `wordmark`: a logo that spells the brand's name, standing where the name would (the end card then prints no name under it). */
    slot: ImageSlot.optional(),
  })
  .strict();
export type ImageItem = z.infer<typeof ImageItem>;

/** Caption looks a creator can pick: `pop` (outlined words, the spoken word in the accent
 *  colour), `boxed` (a dark box, the spoken word on an accent pill), `karaoke` (words light up as
 *  they are spoken). Titles, CTA and end-card text have their own fixed looks. */
export const CaptionLook = z.enum(['pop', 'boxed', 'karaoke']);
export type CaptionLook = z.infer<typeof CaptionLook>;

export const TextStyle = z
  .object({
    /** Font size in reference pixels (the largest the layout may use; it shrinks to fit). */
    fontSize: z.number().min(6).max(600).default(56),
    color: HexColor.default('#FFFFFF'),
    /** A box behind each line (captions); null for none. */
    background: HexColor.nullable().default('#000000'),
    backgroundOpacity: Opacity.default(0.55),
    /** Highlight colour: the spoken word of a caption, the CTA button (brand colour). */
    accent: HexColor.optional(),
    /** Captions only: the look (default `pop`). */
    look: CaptionLook.optional(),
    /**
     * A rounded dark plate behind the whole text (its padded box, not a band across the frame), this
     * opaque: titles and captions over a bright or busy picture (the animatic's close-ups) keep
     * white text at 4.5:1. Omitted: none.
     */
    plate: Opacity.optional(),
    /** The typeface (the brand font, fonts.ts); omitted: Noto Sans. */
    font: FontRef.optional(),
  })
  .strict();
export type TextStyle = z.infer<typeof TextStyle>;

/**
 * What a text item is. `title` (a scene's punchline) and `caption` (the voiceover's words) sit in
 * the scene slots; `brand`, `cta` and `url` make the end card. A CTA, URL or brand name is never
 * cut: the layout shrinks it, and the writer keeps it within its length budget.
 */
export const TextRole = z.enum(['caption', 'title', 'brand', 'cta', 'url']);
export type TextRole = z.infer<typeof TextRole>;

/** A word of a caption and when it is spoken: frames relative to the item's start, half-open. */
export const TimedWord = z
  .object({ text: z.string().min(1).max(200), start: Frame, end: Length })
  .strict();
export type TimedWord = z.infer<typeof TimedWord>;

/** Text and captions. Lines are aligned by the anchor's side (left/centre/right). */
export const TextItem = z
  .object({
    ...OverlayTiming,
    kind: z.literal('text'),
    role: TextRole.default('title'),
    text: z.string().min(1).max(2000),
    /** Manual placement (the editor's drag). Omit to let the layout put it in its role's slot. */
    placement: Placement.optional(),
    style: TextStyle.default({ fontSize: 56, color: '#FFFFFF', background: '#000000', backgroundOpacity: 0.55 }),
    /** Captions: the words as spoken (from the speech engine), so the spoken word is highlighted. */
    words: z.array(TimedWord).max(400).optional(),
  })
  .strict();
export type TextItem = z.infer<typeof TextItem>;

export const OverlayItem = z.discriminatedUnion('kind', [ImageItem, TextItem]);
export type OverlayItem = z.infer<typeof OverlayItem>;

/** Overlay tracks draw above the main track, higher `z` on top; items on a track may overlap
 *  (later items draw above earlier ones). */
export const OverlayTrack = z
  .object({ id: ItemId, name: z.string().max(100).optional(), z: z.number().int().min(-1000).max(1000).default(0), hidden: z.boolean().default(false), items: z.array(OverlayItem).max(2000).default([]) })
  .strict();
export type OverlayTrack = z.infer<typeof OverlayTrack>;

export const AudioRole = z.enum(['voice', 'music', 'sfx']);
export type AudioRole = z.infer<typeof AudioRole>;

export const AudioClip = z
  .object({
    ...ClipSource,
    fadeInFrames: Frame.default(0),
    fadeOutFrames: Frame.default(0),
  })
  .strict();
export type AudioClip = z.infer<typeof AudioClip>;

export const AudioTrack = z
  .object({ id: ItemId, role: AudioRole, gain: Gain.default(1), muted: z.boolean().default(false), clips: z.array(AudioClip).max(2000).default([]) })
  .strict();
export type AudioTrack = z.infer<typeof AudioTrack>;

/** Music is lowered to `level` × its gain while any voice clip plays, ramping over the given
 *  frames before the voice starts (attack) and after it ends (release). The default is gentle
 *  (−6 dB, 0.3 s in, 0.5 s out at 30 fps): the music stays audible under speech on a phone. */
export const Ducking = z
  .object({
    enabled: z.boolean().default(true),
    level: Opacity.default(0.5),
    attackFrames: Frame.default(9),
    releaseFrames: Frame.default(15),
  })
  .strict();
export type Ducking = z.infer<typeof Ducking>;

export const OutputSettings = z
  .object({
    preset: AspectPreset.default('16:9'),
    /** x264 constant rate factor: lower is better quality and bigger files. */
    crf: z.number().int().min(0).max(51).default(23),
    x264Preset: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow']).default('medium'),
    audioBitrateK: z.number().int().min(64).max(512).default(192),
    /** Integrated loudness target (LUFS) for social platforms; null leaves levels untouched. */
    loudnessLufs: z.number().min(-40).max(-5).nullable().default(-14),
    /** Shown where nothing covers the frame (gaps, dips, `contain` bars). */
    background: HexColor.default('#000000'),
  })
  .strict();
export type OutputSettings = z.infer<typeof OutputSettings>;

export const Timeline = z
  .object({
    schema: z.literal(TIMELINE_SCHEMA),
    version: z.literal(TIMELINE_VERSION),
    /** Integer frames per second of the whole project (24, 25, 30, 50, 60…). */
    fps: z.number().int().min(1).max(120).default(30),
    output: OutputSettings.default(OutputSettings.parse({})),
    media: z.record(ItemId, MediaEntry).default({}),
    main: z.object({ clips: z.array(MainClip).max(2000).default([]) }).strict().default({ clips: [] }),
    overlays: z.array(OverlayTrack).max(50).default([]),
    audio: z.array(AudioTrack).max(50).default([]),
    ducking: Ducking.default(Ducking.parse({})),
  })
  .strict();
/** A parsed timeline (defaults filled in). */
export type Timeline = z.infer<typeof Timeline>;
/** What callers may write: defaults optional. */
export type TimelineInput = z.input<typeof Timeline>;
