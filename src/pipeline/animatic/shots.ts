/**
 * The animatic's shot list (issue 20): several shots per scene, each 3–6 beats long (1.5–3 s at
 * the offline 120 BPM), cut on the beat, chosen from a small library of templates per scene role
 * and varied across the whole ad (never the same template twice in a row), deterministic for a
 * seed. The first shot of the ad is the hook: 2 s, a strong product move. The CTA scene ends on
 * a calm moving field under the end card.
 *
 * Pure: the offline scene renderer draws these shots (providers/offline/shot-graph.ts) and the
 * timeline stage reads the same plan (hook length, where the product is first big).
 */
import type { SceneRole } from '../providers/types';
import { framesPerBeat, type BeatGrid } from './beat';

/**
 * Templates. `pop`: the product scales up from small with an overshoot. `push`: a large push-in.
 * `slide`: the product slides in from off-frame. `macro`: a close crop travelling across the
 * product. `parallax`: backdrop, a blurred giant copy of the product and the product move at
 * three speeds. `tilt`: the product turns a few degrees while it rises. `split`: a brand-colour
 * field sweeps across half the frame beside the product. `colour`: the product on a flat field of
 * a brand colour filling the frame (no photo backdrop), a band of light crossing it — a long ad
 * from one picture changes its whole look between product shots. `field`: no product, a moving
 * colour field with a light sweep (under the end card).
 */
export const SHOT_KINDS = ['pop', 'push', 'slide', 'macro', 'parallax', 'tilt', 'split', 'colour', 'field'] as const;
export type ShotKind = (typeof SHOT_KINDS)[number];

export interface Shot {
  kind: ShotKind;
  /** First frame inside the scene, and length (frames). */
  start: number;
  frames: number;
  /** Which product image (0-based index into the brief's images). */
  image: number;
  /** Direction of travel: 1 = rightwards, −1 = leftwards. */
  dir: 1 | -1;
  /**
   * Composition of a slide, parallax or tilt: the product smaller on one side of the stage, the
   * other side open (absent: centred). Every other such shot, so the product does not stand in
   * the same place all ad long.
   */
  place?: 'left' | 'right';
}

/** Templates that may stand off-centre (shots.ts `place`; shot-graph.ts draws it). */
export const PLACEABLE: readonly ShotKind[] = ['slide', 'parallax', 'tilt'];

export interface SceneShots {
  index: number;
  role: SceneRole;
  /** The scene clip's length (frames), its hidden lead included. */
  frames: number;
  /** Where the clip's first frame sits in the ad (frames from its start). */
  clipStart: number;
  /**
   * Frames at the clip's start the viewer never sees: the crossfade handle the timeline skips
   * (scenes after the first are joined by a hard cut one second into their clip). A plain
   * field, so a crossfade put back in the editor dips through the brand colour.
   */
  lead: number;
  shots: Shot[];
  /** A brand-colour field wipes across the join into this scene / out of it. */
  wipeIn: boolean;
  wipeOut: boolean;
}

export interface AnimaticPlan {
  fps: number;
  grid: BeatGrid;
  scenes: SceneShots[];
  /** The hook: the ad's first shot (frames from the start of the ad). */
  hookFrames: number;
  /** Where the end card starts (frames from the start of the ad), on a beat. */
  endCardFrame: number;
}

/** Templates where the product is large in frame (a "hero" frame), and from how far into the shot. */
export const HERO_FROM: Partial<Record<ShotKind, number>> = { pop: 0.2, push: 0.35, macro: 0, slide: 0.3 };

const POOLS: Record<SceneRole, ShotKind[]> = {
  setup: ['parallax', 'macro', 'tilt', 'slide', 'split'],
  exploration: ['macro', 'slide', 'parallax', 'tilt', 'split'],
  climax: ['push', 'pop', 'macro', 'split'],
  resolution: ['parallax', 'tilt', 'slide', 'push'],
  cta: ['split', 'push', 'slide', 'pop'],
};
/**
 * A long ad from one picture (the 60 s shoe: one flat picture for a minute) also cuts to the
 * product on a flat brand-colour field between its backdrop shots, in every role but the CTA.
 */
const LONG_ONE_PICTURE_S = 45;
/** The hook's strong product move, by the first scene's role. */
const HOOKS: Record<SceneRole, ShotKind[]> = {
  setup: ['pop', 'push', 'slide'],
  exploration: ['slide', 'pop'],
  climax: ['push', 'pop'],
  resolution: ['push', 'slide'],
  cta: ['pop', 'push'],
};

/** mulberry32: a tiny seeded PRNG, so a seed gives the same ad every time. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `beats` into shot lengths of 3–6 beats, mostly 4–5 (2–2.5 s at 120 BPM). */
export function splitBeats(beats: number, random: () => number, first?: number): number[] {
  if (beats <= 6) return [beats];
  const out: number[] = [];
  let left = beats;
  if (first && first < left - 2) {
    out.push(first);
    left -= first;
  }
  while (left > 6) {
    const r = random();
    let len = r < 0.45 ? 4 : r < 0.75 ? 5 : r < 0.9 ? 6 : 3;
    // Never leave a remainder shorter than 3 beats.
    if (left - len < 3) len = left - 3 >= 3 ? left - 3 : left;
    out.push(len);
    left -= len;
  }
  if (left > 0) out.push(left);
  return out;
}

export interface AnimaticInput {
  roles: SceneRole[];
  /** Scene lengths in seconds (the storyboard's, after fitting to the voice). */
  durations: number[];
  fps: number;
  grid: BeatGrid;
  seed: number;
  /** How many product images the brief has. */
  images: number;
  /** Seconds the end card holds at the end of the ad. */
  endCardSeconds: number;
  /**
   * Frames each scene's clip has beyond its length for a crossfade into the next (the last has
   * none). The timeline joins the scenes with hard cuts at the end of each handle, so scene i's
   * first `handleFrames` are hidden. 0 (default): scenes meet at their storyboard lengths.
   */
  handleFrames?: number;
}

export function planAnimatic(input: AnimaticInput): AnimaticPlan {
  const { fps, grid } = input;
  const beat = framesPerBeat(grid, fps) ?? Math.round((fps * 60) / grid.bpm);
  const handle = input.handleFrames ?? 0;
  const random = rng(input.seed * 7919 + 17);
  const sceneFrames = input.durations.map((d) => Math.round(d * fps));
  const total = sceneFrames.reduce((s, f) => s + f, 0);
  const last = input.roles.length - 1;
  const colourShots = input.images <= 1 && total >= LONG_ONE_PICTURE_S * fps;
  // The end card starts on a beat, 2.5–3 s before the end.
  const endCardFrame = Math.max(0, total - Math.round(Math.ceil((input.endCardSeconds * fps) / beat) * beat));
  // Across the whole ad: the templates so far (no two alike in a row, across scene joins too),
  // the product image in turn, the direction of travel alternating.
  const kinds: ShotKind[] = [];
  let imageCursor = 0;
  let dir: 1 | -1 = random() < 0.5 ? 1 : -1;
  // Off-centre every other placeable shot, on the side it travels from (it glides toward the middle).
  let placeable = 0;
  let clipStart = 0;
  const scenes = input.roles.map((role, i): SceneShots => {
    const isLast = i === last;
    const lead = i > 0 ? handle : 0;
    const frames = sceneFrames[i]! + (isLast ? 0 : handle);
    // The part of the last scene under the end card is one `field` shot.
    const fieldFrom = isLast ? Math.max(lead, Math.min(frames, endCardFrame - clipStart)) : frames;
    const beats = Math.floor((fieldFrom - lead) / beat);
    // A short CTA scene (15 s ads) may have one short shot before the end card rather than none.
    const lengths = beats >= (isLast ? 1 : 3) ? splitBeats(beats, random, i === 0 ? 4 : undefined) : [];
    const shots: Shot[] = lead > 0 ? [{ kind: 'field', start: 0, frames: lead, image: 0, dir }] : [];
    // Whole beats, and whatever is left over (a scene not a whole number of beats) goes to the last shot.
    let at = lead;
    lengths.forEach((b, k) => {
      const len = k === lengths.length - 1 ? fieldFrom - at : b * beat;
      const pool = i === 0 && k === 0 ? HOOKS[role] : colourShots && role !== 'cta' ? [...POOLS[role], 'colour' as const] : POOLS[role];
      const previous = kinds[kinds.length - 1];
      const beforeThat = kinds[kinds.length - 2];
      let options = pool.filter((p) => p !== previous && p !== beforeThat);
      if (!options.length) options = pool.filter((p) => p !== previous);
      if (!options.length) options = SHOT_KINDS.filter((p) => p !== previous && p !== 'field' && p !== 'colour');
      const kind = options[Math.floor(random() * options.length)]!;
      kinds.push(kind);
      dir = (dir * -1) as 1 | -1;
      const place = PLACEABLE.includes(kind) && placeable++ % 2 === 1 ? (dir > 0 ? 'left' : 'right') : undefined;
      shots.push({ kind, start: at, frames: len, image: imageCursor++ % Math.max(1, input.images), dir, ...(place ? { place } : {}) });
      at += len;
    });
    if (at < frames) {
      // The field under the end card (or a scene too short for a shot of its own).
      const visible = shots.filter((x) => x.start >= lead);
      const kind: ShotKind = isLast || !kinds.length ? 'field' : kinds[kinds.length - 1]!;
      if (visible.length && !isLast) visible[visible.length - 1]!.frames += frames - at;
      else {
        shots.push({ kind, start: at, frames: frames - at, image: 0, dir: (dir * -1) as 1 | -1 });
        kinds.push(kind);
      }
    }
    const scene: SceneShots = { index: i + 1, role, frames, clipStart, lead, shots, wipeIn: i > 0, wipeOut: !isLast };
    clipStart += sceneFrames[i]!;
    return scene;
  });
  const hookFrames = scenes[0]?.shots[0]?.frames ?? 0;
  return { fps, grid, scenes, hookFrames, endCardFrame };
}

/** The shots the viewer sees (a scene's hidden lead left out), with where each starts in the ad. */
export function visibleShots(plan: AnimaticPlan): Array<Shot & { at: number; scene: number }> {
  return plan.scenes.flatMap((s) => s.shots.filter((x) => x.start >= s.lead).map((x) => ({ ...x, at: s.clipStart + x.start, scene: s.index })));
}

/** Frames from the start of the ad to the first hero frame (the product large in frame), or null. */
export function heroFrame(plan: AnimaticPlan): number | null {
  for (const shot of visibleShots(plan)) {
    const at = HERO_FROM[shot.kind];
    if (at !== undefined) return shot.at + Math.round(at * plan.fps);
  }
  return null;
}

/** Every cut the viewer sees (frames from the start of the ad): shot changes inside scenes and scene joins. */
export function cutFrames(plan: AnimaticPlan): number[] {
  return visibleShots(plan).flatMap((s) => (s.at > 0 ? [s.at] : []));
}

/**
 * Where the product stands in a shot, as the viewer sees the composition: large in the middle
 * (pop, push), in the middle or off to one side (slide, parallax, tilt by `place`), on a colour
 * field's edge (split, by the side the field comes from), alone on a flat colour (colour), a
 * close-up, or no product (field).
 */
export function composition(shot: Pick<Shot, 'kind' | 'place' | 'dir'>): string | null {
  switch (shot.kind) {
    case 'pop':
    case 'push':
      return 'large';
    case 'macro':
      return 'close';
    case 'split':
      return shot.dir > 0 ? 'split-left' : 'split-right';
    case 'colour':
      return 'on-colour';
    case 'field':
      return null;
    default:
      return shot.place ?? 'centre';
  }
}

/**
 * Variety across the ad: for each `windowS`-second stretch, how many different templates and
 * product compositions the viewer sees (a shot counts in every stretch it shows in); the means over
 * the stretches. The 60 s shoe once stood centred for a minute: 1 composition per 10 s.
 */
export function shotVariety(plan: AnimaticPlan, windowS = 10): { kinds: number; places: number } {
  const shots = visibleShots(plan);
  const end = Math.max(0, ...shots.map((s) => s.at + s.frames));
  const w = Math.round(windowS * plan.fps);
  const stretches = Math.max(1, Math.round(end / w));
  let kinds = 0;
  let places = 0;
  for (let k = 0; k < stretches; k++) {
    const [a, b] = [k * w, k === stretches - 1 ? end : (k + 1) * w];
    const here = shots.filter((s) => s.at < b && s.at + s.frames > a && s.kind !== 'field');
    kinds += new Set(here.map((s) => s.kind)).size;
    places += new Set(here.map((s) => composition(s))).size;
  }
  return { kinds: kinds / stretches, places: places / stretches };
}

