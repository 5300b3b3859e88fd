/**
 * One offline scene as one FFmpeg filter graph (issue 20): the scene's shots (animatic/shots.ts),
 * each drawn by its template over a moving backdrop, concatenated with hard cuts on the beat, and
 * brand-colour wipes across the joins to the neighbouring scenes. Pure (snapshot-tested); the
 * runner is scene-render.ts.
 *
 * FFmpeg 4.1 facts this works around: `scale` cannot change size per frame, so growth is
 * `zoompan` on a transparent canvas around the product (the product appears to scale while the
 * canvas is cropped); moves are `overlay`/`crop` position expressions (evaluated per frame);
 * stills are decoded once and repeated with `loop`, with each shot's clock starting at 0.
 */
import type { Rect } from '../../../shared/timeline';
import { PLACEABLE, type Shot, type ShotKind } from '../../animatic/shots';
import { MACRO_ROOM, MACRO_TRAVEL, type CloseUpPlan } from './close-up';
import { cutoutChain, type ProductLook } from './product-look';
import { MOTION, shotScale } from './product-stage';

export interface SceneGraphInput {
  W: number;
  H: number;
  fps: number;
  /** Where the product rests (the layout's stage, output px): text never covers it. */
  stage: Rect;
  /** How far a pop or push grows the product past its stage (product-stage.ts). */
  growth: number;
  /** The scene text's slots (title, caption; output px): a close-up darkens the picture behind them as its plan says. */
  textSlots: Rect[];
  /** Draw a dark band across the frame behind each text slot over a bright or busy close-up (default: no — the timeline's text carries a plate sized to it). */
  scrimBands?: boolean;
  /** Backdrop bleed around the frame for pans (px). */
  margin: number;
  accent: string;
  /** The split shot's colour field (field-colours.ts; default the accent). */
  field?: string;
  /** Gradient top/bottom and the card plate colour. */
  top: string;
  bottom: string;
  plate: string;
  /** The disc behind the product. */
  disc: string;
  shots: Shot[];
  wipeIn: boolean;
  wipeOut: boolean;
  /** Frames at the start the timeline hides (the crossfade handle): the wipe in starts after them. */
  lead: number;
  /** Input index of the start image (blurred into the backdrop: continuity with the previous scene). */
  startInput: number;
  /** Input index and look of each product image the shots use (by image index), and where its close-up looks (fractions of the picture; close-up.ts). */
  products: Map<number, { input: number; look: ProductLook; closeUp?: CloseUpPlan; place?: { stage: Rect; growth: number; ui?: { safe: Rect; motion: number } } }>;
  /** A brand look (issue 9) graded inside this one encode. */
  grade?: string;
  /** RGB → the output's YUV matrix (compose/video.ts TO_BT709). */
  toYuv: string;
}

const WIPE_S = 0.2;
/**
 * The slowest a product, its ghost or a colour field drifts once it is in place: this share of the
 * frame's short side per second (~1.5 px a frame at 1080). Drifts are speeds, not a distance per
 * shot: a 3 s shot kept the 2 s shot's 2.5 % of the width and crawled — overlay positions step in
 * whole even pixels, so a flat drawing changed a pixel row every few frames and read as a still.
 */
const DRIFT = MOTION.drift;
/**
 * While it glides, the product also floats up at this share of the glide's pace, centred on its
 * stage (±2.7 % of a 3 s shot's short side): a flat drawing's long horizontal edges (a shoe's sole)
 * do not change a pixel under a sideways move.
 */
const FLOAT = MOTION.float;
/**
 * An off-centre product (shots.ts `place`) fits this share of its stage's width (its height bound
 * as before), moved this share of the frame's width to its side: it stays inside the frame through
 * the slide's glide and the parallax's travel, and leaves the other side open (the 60 s shoe stood
 * in one place for a minute).
 */
const OFF_SCALE = 0.62;
const OFF_SHIFT = 0.14;
const even = (v: number) => Math.max(2, Math.round(v / 2) * 2);
const c = (hex: string, alpha = 1) => `0x${hex.replace('#', '')}${alpha < 1 ? `@${alpha}` : ''}`;
const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, ''));

/** Ease expressions of a 0..1 progress `u` (commas escaped for filter options). */
const clip01 = (u: string) => `min(max(${u}\\,0)\\,1)`;
const inOut = (u: string) => `(1-cos(PI*${clip01(u)}))/2`;
const out3 = (u: string) => `(1-pow(1-${clip01(u)}\\,3))`;
const in3 = (u: string) => `pow(${clip01(u)}\\,3)`;

function gradientChannel(top: number, bottom: number): string {
  return `clip((${top}+(${bottom - top})*Y/H)*(1.18-0.75*hypot(X/W-0.5\\,Y/H-0.42)),0,255)`;
}
const rgb = (hex: string) => {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255] as const;
};

export function sceneGraph(g: SceneGraphInput): string {
  const { W, H, fps, margin: m, stage, growth } = g;
  const glide = DRIFT * Math.min(W, H);
  const chains: string[] = [];
  let uid = 0;
  const label = (p: string) => `${p}${uid++}`;
  const BW = W + 2 * m;
  const BH = H + 2 * m;
  const qW = even(BW / 4);
  const qH = even(BH / 4);
  const [t0, t1, t2] = rgb(g.top);
  const [b0, b1, b2] = rgb(g.bottom);

  // ---- the backdrop: brand gradient + the blurred start frame, at quarter size, scaled up once.
  chains.push(`color=c=black:s=${qW}x${qH}:d=1,format=rgb24,geq=r='${gradientChannel(t0, b0)}':g='${gradientChannel(t1, b1)}':b='${gradientChannel(t2, b2)}'[grad]`);
  chains.push(`[${g.startInput}:v]scale=${qW}:${qH}:force_original_aspect_ratio=increase,crop=${qW}:${qH},boxblur=${Math.max(2, Math.round(Math.min(qW, qH) / 25))}:3,format=rgb24[blur]`);
  // Every shot but the macro crop (which fills the frame with the product) stands on the backdrop.
  const bgShots = g.shots.flatMap((s, i) => (s.kind === 'macro' || s.kind === 'colour' ? [] : [i]));
  const bgOuts = bgShots.length ? bgShots.map((i) => `[bg${i}]`) : ['[bgunused]'];
  chains.push(`[grad][blur]blend=all_mode=normal:all_opacity=0.22,format=rgb24,scale=${BW}:${BH}:flags=bicubic,${g.toYuv},format=yuv420p${bgOuts.length > 1 ? `,split=${bgOuts.length}${bgOuts.join('')}` : bgOuts[0]}`);
  if (!bgShots.length) chains.push('[bgunused]nullsink');

  // ---- a soft disc of the brand tint behind the product where it helps: the tilt (a turning
  // product needs something still behind it). The hero moves (pop, push, slide) show the product
  // alone, large on the backdrop — a disc made them read as a badge. Drawn once at 256 px with an
  // anti-aliased edge, scaled up once.
  const discShots = g.shots.flatMap((s, i) => (s.kind === 'tilt' ? [i] : []));
  const discD = even(Math.min(stage.h * 1.25, stage.w));
  if (discShots.length) {
    const [r0, g0, b0] = rgb(g.disc);
    chains.push(
      `color=c=black:s=256x256:d=1,format=rgba,geq=r=${r0}:g=${g0}:b=${b0}:a='255*clip(124-hypot(X-127.5\\,Y-127.5)\\,0\\,1)',scale=${discD}:${discD}:flags=bicubic${discShots.length > 1 ? `,split=${discShots.length}${discShots.map((i) => `[disc${i}]`).join('')}` : `[disc${discShots[0]}]`}`,
    );
  }

  // ---- each product image, prepared once: cut out (alpha or keyed backdrop) or framed as a card,
  // at 1.5× the largest size a shot shows it (zoompan crops whole pixels: headroom keeps it smooth).
  const uses = new Map<number, ShotKind[]>();
  for (const s of g.shots) if (s.kind !== 'field') uses.set(s.image, [...(uses.get(s.image) ?? []), s.kind]);
  const productLabels = new Map<number, string[]>();
  const macroLabels = new Map<number, string[]>();
  /** Where the close-up's window centre sits in its room (fractions): the frame travels around it, also when the room is held inside the picture. */
  const macroCentre = new Map<number, { x: number; y: number }>();
  /** Where a product image rests and how far it grows: its own place (a wide product in a tall frame, product-stage.ts), else the frame's stage. */
  const placeOf = (image: number) => g.products.get(image)?.place ?? { stage, growth };
  for (const [image, kinds] of uses) {
    const p = g.products.get(image);
    if (!p) throw new Error(`shot uses product image ${image + 1}, which was not given`);
    const place = placeOf(image);
    const maxW = even(place.stage.w * place.growth * 1.5);
    const maxH = even(place.stage.h * place.growth * 1.5);
    const prodKinds = kinds.filter((k) => k !== 'macro');
    const macroKinds = kinds.filter((k) => k === 'macro');
    const src = label('src');
    chains.push(`[${p.input}:v]format=rgba${prodKinds.length && macroKinds.length ? `,split=2[${src}a][${src}b]` : `[${src}a]`}`);
    const macroSrc = prodKinds.length && macroKinds.length ? `${src}b` : `${src}a`;
    if (prodKinds.length) {
      const look = p.look;
      const base = `${src}a`;
      const prod = label('prod');
      // A cut-out is cropped to the product itself, so "fits the hero slot" means the product does.
      if (look.cutout !== 'none') chains.push(`[${base}]${cutoutChain(look)},scale=${maxW}:${maxH}:force_original_aspect_ratio=decrease[${prod}]`);
      else {
        const inset = even(Math.min(maxW, maxH) * 0.05);
        chains.push(`[${base}]scale=${maxW - 2 * inset}:${maxH - 2 * inset}:force_original_aspect_ratio=decrease,pad=iw+${2 * inset}:ih+${2 * inset}:${inset}:${inset}:color=${c(g.plate)},drawbox=x=0:y=0:w=iw:h=ih:color=${c(g.accent)}:t=${Math.max(4, Math.round(inset / 3))}[${prod}]`);
      }
      const outs = prodKinds.map(() => label('p'));
      chains.push(`[${prod}]${outs.length > 1 ? `split=${outs.length}${outs.map((o) => `[${o}]`).join('')}` : `null[${outs[0]}]`}`);
      productLabels.set(image, outs);
    }
    if (macroKinds.length) {
      // The close-up: the frame's shape on the product's most detailed opaque part (close-up.ts),
      // 30 % wider for the travel, filling the frame.
      const flat = label('flat');
      const look = p.look;
      let win = p.closeUp?.window ?? (look.cutout === 'none' ? { x: 0, y: 0, w: 1, h: 1 } : look.box);
      // A screenshot's close-up may run past the picture's edge (screenshot-close-up.ts readableWindow): the
      // picture is padded with its page colour around the window's room, so the frame shows page,
      // not the picture's cut edge, and the window and its travel stay centred.
      let padChain = '';
      if (p.closeUp?.pad) {
        const [ux, uy] = [win.w * MACRO_ROOM, win.h * MACRO_ROOM];
        const [cxw, cyw] = [win.x + win.w / 2, win.y + win.h / 2];
        const [l, t] = [Math.max(0, ux / 2 - cxw), Math.max(0, uy / 2 - cyw)];
        const [r, b] = [Math.max(0, cxw + ux / 2 - 1), Math.max(0, cyw + uy / 2 - 1)];
        if (l + t + r + b > 0) {
          const [sw, sh] = [1 + l + r, 1 + t + b];
          padChain = `pad=w='ceil(iw*${n(sw)})':h='ceil(ih*${n(sh)})':x='floor(iw*${n(l)})':y='floor(ih*${n(t)})':color=${c(p.closeUp.pad)},`;
          win = { x: (win.x + l) / sw, y: (win.y + t) / sh, w: win.w / sw, h: win.h / sh };
        }
      }
      const rw = Math.min(1, win.w * MACRO_ROOM);
      const rh = Math.min(1, win.h * MACRO_ROOM);
      const rx = Math.min(Math.max(0, win.x + win.w / 2 - rw / 2), 1 - rw);
      const ry = Math.min(Math.max(0, win.y + win.h / 2 - rh / 2), 1 - rh);
      const crop = `${padChain}crop=iw*${n(rw)}:ih*${n(rh)}:iw*${n(rx)}:ih*${n(ry)},`;
      macroCentre.set(image, { x: (win.x + win.w / 2 - rx) / rw, y: (win.y + win.h / 2 - ry) / rh });
      const bigW = even(W * MACRO_ROOM);
      const bigH = even(H * MACRO_ROOM);
      if (p.look.cutout === 'alpha') {
        chains.push(`color=c=${c(g.plate)}:s=${bigW}x${bigH}:d=1,format=rgb24[${flat}pl]`);
        chains.push(`[${macroSrc}]${crop}scale=${bigW}:${bigH}:force_original_aspect_ratio=increase[${flat}fg]`);
        chains.push(`[${flat}pl][${flat}fg]overlay=x=(W-w)/2:y=(H-h)/2:format=rgb[${flat}]`);
      } else chains.push(`[${macroSrc}]${crop}scale=${bigW}:${bigH}:force_original_aspect_ratio=increase[${flat}]`);
      const outs = macroKinds.map(() => label('mac'));
      chains.push(`[${flat}]${g.toYuv},format=yuv420p${outs.length > 1 ? `,split=${outs.length}${outs.map((o) => `[${o}]`).join('')}` : `[${outs[0]}]`}`);
      macroLabels.set(image, outs);
    }
  }
  const takeProduct = (image: number) => productLabels.get(image)!.shift()!;
  const takeMacro = (image: number) => macroLabels.get(image)!.shift()!;

  // ---- the shots
  const segments: string[] = [];
  g.shots.forEach((shot, i) => {
    const frames = shot.frames;
    const T = frames / fps;
    const u = `t/${n(T)}`;
    // settb first: a still has a 1/25 time base, which cannot hold 1/30 s steps (frames would collide).
    const loop = `loop=loop=${frames - 1}:size=1:start=0,settb=1/${fps},setpts=N`;
    const d = shot.dir;
    // Backdrop pan: across the bleed, opposite to the product's travel.
    const pan = (sx: number, sy: number) => `[bg${i}]${loop},crop=${W}:${H}:x='${m}-${n(d * sx * m)}*(2*${inOut(u)}-1)':y='${m}-${n(sy * m)}*(2*${inOut(u)}-1)'`;
    const { stage, growth, ui } = shot.kind === 'field' ? { stage: g.stage, growth: g.growth, ui: undefined } : placeOf(shot.image);
    // A screenshot stays whole inside the safe area (product-stage.ts uiStageFor): no off-centre place, no pop overshoot.
    const kind = ui && shot.kind === 'pop' ? 'push' : shot.kind;
    // The product's glide: a screenshot's is gentler (MOTION.uiGlide), so its stage can stay larger;
    // and every move of a screenshot reaches `mv` of its full reach (uiStageFor: the size first).
    const mv = ui?.motion ?? 1;
    const pg = ui ? glide * MOTION.uiGlide * mv : glide;
    // Off-centre (shots.ts `place`): moved OFF_SHIFT of the frame's width to its side (a tall
    // product's own stage is narrow: a share of it would hardly show), fitted OFF_SCALE as wide.
    const off = !ui && shot.place && PLACEABLE.includes(shot.kind) ? (shot.place === 'left' ? -1 : 1) : 0;
    const cx = stage.x + stage.w / 2 + off * W * OFF_SHIFT;
    const cy = stage.y + stage.h / 2;
    const out = label('s');
    const over = (base: string, top: string, x: string, y: string, o = label('o')) => {
      chains.push(`[${base}][${top}]overlay=x='${x}':y='${y}':format=yuv420:eof_action=repeat[${o}]`);
      return o;
    };
    const bg = label('b');
    const fit = (p: string, kind: 'slide' | 'parallax' | 'tilt' | 'split' | 'colour') => {
      const o = label('f');
      const scale = shotScale(kind, growth);
      // Off-centre, only its width is bound tighter: a wide product (the shoe) is shown smaller, a
      // tall one (a bottle in 9:16) keeps its height and only moves.
      chains.push(`[${p}]scale=${even(stage.w * scale * (off ? OFF_SCALE : 1))}:${even(stage.h * scale)}:force_original_aspect_ratio=decrease,${loop}[${o}]`);
      return o;
    };
    /** The disc behind the product, drifting against it (depth). */
    const withDisc = (base: string, sx: number, sy: number) => {
      const dl = label('d');
      chains.push(`[disc${i}]${loop}[${dl}]`);
      return over(base, dl, `${n(cx)}-w/2+${n(sx)}*(2*${inOut(u)}-1)`, `${n(cy)}-h/2+${n(sy)}*(2*${inOut(u)}-1)`);
    };
    // Slides, parallaxes and splits float up across the shot (FLOAT), centred on the stage.
    const float = `${n(cy)}-h/2+${n(pg * FLOAT * T / 2)}*(1-2*${inOut(u)})`;
    let last: string;
    switch (kind) {
      case 'pop':
      case 'push': {
        // Growth: zoompan on a transparent canvas around the product (k = end size ÷ start size).
        const s1 = shotScale(kind, growth);
        const k = s1 / (kind === 'pop' ? 0.45 : 0.85);
        const ow = even(stage.w * s1);
        const oh = even(stage.h * s1);
        const p = takeProduct(shot.image);
        const z = label('z');
        const prog = kind === 'pop' ? `min(on/${Math.round(0.45 * fps)}\\,1)` : `on/${frames}`;
        // pop: a quick overshoot then a slow settle; push: one long eased push.
        const curve =
          kind === 'pop'
            ? `if(lt(on\\,${Math.round(0.45 * fps)})\\,1+${n(k * 1.08 - 1)}*(1-pow(1-${prog}\\,3))\\,${n(k * 1.08)}-${n(k * 0.08)}*min((on-${Math.round(0.45 * fps)})/${Math.max(1, Math.round(0.35 * fps))}\\,1)+${n(k * 0.06)}*max(on-${Math.round(0.8 * fps)}\\,0)/${frames})`
            : `1+${n(k - 1)}*(1-cos(PI*${prog}))/2`;
        chains.push(
          `[${p}]scale=${even(ow * 1.25)}:${even(oh * 1.25)}:force_original_aspect_ratio=decrease,pad=${even(ow * 1.25 * k)}:${even(oh * 1.25 * k)}:(ow-iw)/2:(oh-ih)/2:color=black@0,zoompan=z='${curve}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${frames}:s=${ow}x${oh}:fps=${fps}[${z}]`,
        );
        chains.push(`${pan(0.7, 0.2)}[${bg}]`);
        last = over(bg, z, `${n(cx)}-w/2+${n(d * W * MOTION.pushDrift * mv)}*${inOut(u)}`, `${n(cy)}-h/2`);
        break;
      }
      case 'slide': {
        const p = fit(takeProduct(shot.image), 'slide');
        chains.push(`${pan(0.9, 0)}[${bg}]`);
        // Enters from off-frame on its side in 0.6 s, then keeps gliding the same way.
        // A screenshot comes in from just beside its place (from off-frame it would be cut).
        const from = ui ? `${n(cx - d * W * MOTION.uiEntry * mv)}-w/2` : d > 0 ? `-w` : `W`;
        last = over(bg, p, `${from}+(${n(cx)}-w/2-(${from}))*${out3(`t/0.6`)}+${n(d * pg)}*t`, float);
        break;
      }
      case 'macro': {
        const mac = takeMacro(shot.image);
        // The close-up drifts across its window's room, sideways (up and down a little), around the
        // window (close-up.ts keeps the product's lettering whole or out of every frame of this travel).
        const at = macroCentre.get(shot.image)!;
        const tr = g.products.get(shot.image)?.closeUp?.travel ?? 1;
        chains.push(`[${mac}]${loop},crop=${W}:${H}:x='iw*${n(at.x)}-ow/2+(iw-ow)*${n(d * MACRO_TRAVEL.x * tr)}*(2*${inOut(u)}-1)':y='ih*${n(at.y)}-oh/2+(ih-oh)*${n(MACRO_TRAVEL.y * tr)}*(2*${inOut(u)}-1)'[${bg}]`);
        // The text over a bright or busy close-up gets a plate that hugs it (timeline text style,
        // assemble.ts via closeUpPlates); a band across the frame only for a caller that asks.
        const scrim = g.scrimBands ? (g.products.get(shot.image)?.closeUp?.scrim ?? 0) : 0;
        if (scrim > 0 && g.textSlots.length) {
          // Where the picture behind the title or caption is bright or busy (close-up.ts measured it):
          // a soft band of black across the frame behind each text slot, feathered above and below.
          const sc = label('scrim');
          const bands = g.textSlots.map((r) => {
            const f = Math.max(8, r.h * 0.35);
            return `clip(min((Y*4-${n(r.y - f)})/${n(f)}\\,(${n(r.y + r.h + f)}-Y*4)/${n(f)})\\,0\\,1)`;
          });
          const alpha = bands.reduce((a, b) => `max(${a}\\,${b})`);
          chains.push(`color=c=black:s=${even(W / 4)}x${even(H / 4)}:d=1,format=rgba,geq=r=0:g=0:b=0:a='${n(255 * scrim)}*${alpha}',scale=${W}:${H}:flags=bicubic,${loop}[${sc}]`);
          last = over(bg, sc, '0', '0');
        } else last = bg;
        break;
      }
      case 'parallax': {
        // Three planes: backdrop slow, a giant blurred copy of the product fast the other way, the product between.
        const src = takeProduct(shot.image);
        const [a, b] = [label('pa'), label('pb')];
        chains.push(`[${src}]split=2[${a}][${b}]`);
        const ghost = label('g');
        chains.push(`[${a}]scale=-2:${even(H * 1.25)},boxblur=${Math.max(4, Math.round(H / 60))}:2,colorchannelmixer=aa=0.32,${loop}[${ghost}]`);
        const p = fit(b, 'parallax');
        chains.push(`${pan(1, 0)}[${bg}]`);
        // Eased across the shot, at least at the glide's pace on average (the ghost 2.5× that).
        const travel = Math.max(W * 0.06 * mv, (pg * T) / 2);
        const mid = over(bg, ghost, `(W-w)/2+${n(-d * Math.max(W * 0.16, travel * 2.5))}*(2*${inOut(u)}-1)`, `(H-h)/2`);
        last = over(mid, p, `${n(cx)}-w/2+${n(d * travel)}*(2*${inOut(u)}-1)`, float);
        break;
      }
      case 'tilt': {
        const p = fit(takeProduct(shot.image), 'tilt');
        const r = label('r');
        chains.push(`[${p}]rotate=a='${n(-d * MOTION.tiltDeg * mv)}*PI/180+${n(d * 2 * MOTION.tiltDeg * mv)}*PI/180*${inOut(u)}':c=none:ow='hypot(iw\\,ih)':oh='hypot(iw\\,ih)'[${r}]`);
        chains.push(`${pan(0.3, 0.9)}[${bg}]`);
        last = over(withDisc(bg, 0, H * 0.03), r, `${n(cx)}-w/2`, `${n(cy)}-h/2+${n(H * MOTION.tiltRise * mv)}-${n(H * 2 * MOTION.tiltRise * mv)}*${inOut(u)}`);
        break;
      }
      case 'split': {
        // A brand-colour field sweeps in over half the frame; the product stands on its edge.
        const fw = even(W * 0.46);
        const field = label('cf');
        chains.push(`color=c=${c(g.field ?? g.accent)}:s=${fw}x${H}:r=${fps}:d=${n(T)},format=yuv420p[${field}]`);
        chains.push(`${pan(0.6, 0.3)}[${bg}]`);
        const fx = d > 0 ? `-w+w*${out3('t/0.5')}+${n(glide)}*t` : `W-w*${out3('t/0.5')}-${n(glide)}*t`;
        const withField = over(bg, field, fx, '0');
        // The product stands on the field's edge, half on the colour and half on the backdrop, and
        // drifts with it (it stood beside the field, which then read as an empty block) — never
        // past the frame's sides (a wide product spans most of a square frame).
        const p = fit(takeProduct(shot.image), 'split');
        const edge = d > 0 ? `${n(fw)}+${n(pg)}*t` : `${n(W - fw)}-${n(pg)}*t`;
        const [lo, hi] = ui ? [n(ui.safe.x), `${n(ui.safe.x + ui.safe.w)}-w`] : ['0', 'W-w'];
        last = over(withField, p, `max(${lo}\\,min(${edge}-w/2\\,${hi}))`, float);
        break;
      }
      case 'colour': {
        // The product alone on a flat field of the scene's field colour (field-colours.ts: apart
        // from the product's own), a wide band of light crossing it against the product's glide;
        // the product rises into place in half a second, then glides and floats.
        const field = label('cf');
        chains.push(`color=c=${c(g.field ?? g.accent)}:s=${W}x${H}:r=${fps}:d=${n(T)},format=yuv420p[${field}]`);
        const band = label('bd');
        chains.push(`color=c=${c('#FFFFFF', 0.12)}:s=${even(W * 0.3)}x${H}:r=${fps}:d=${n(T)},format=yuva420p[${band}]`);
        const lit = over(field, band, d > 0 ? `W-(W+w)*${inOut(u)}` : `-w+(W+w)*${inOut(u)}`, '0');
        const p = fit(takeProduct(shot.image), 'colour');
        const [lo, hi] = ui ? [n(ui.safe.x), `${n(ui.safe.x + ui.safe.w)}-w`] : ['0', 'W-w'];
        last = over(lit, p, `max(${lo}\\,min(${n(cx)}-w/2+${n(d * pg)}*(t-${n(T / 2)})\\,${hi}))`, `${float}+${n(H * 0.12)}*(1-${out3('t/0.5')})`);
        break;
      }
      case 'field': {
        // Under the end card: the backdrop drifts and a soft light sweeps across.
        const sweep = label('sw');
        chains.push(`color=c=${c('#FFFFFF', 0.14)}:s=${even(W * 0.22)}x${H}:r=${fps}:d=${n(T)},format=yuva420p[${sweep}]`);
        chains.push(`${pan(0.8, 0.5)}[${bg}]`);
        last = over(bg, sweep, `-w+(W+w)*${inOut(u)}`, '0');
        break;
      }
    }
    chains.push(`[${last!}]trim=end_frame=${frames},setpts=PTS-STARTPTS,format=yuv420p,setsar=1[${out}]`);
    segments.push(out);
  });

  let cur = label('v');
  chains.push(segments.length === 1 ? `[${segments[0]}]null[${cur}]` : `${segments.map((s) => `[${s}]`).join('')}concat=n=${segments.length}:v=1:a=0[${cur}]`);
  const total = g.shots.reduce((s, x) => s + x.frames, 0) / fps;
  // ---- colour-field wipes across the joins: the field leaves at our start and arrives at our end,
  // so the next scene's cut happens under a frame of brand colour.
  if (g.wipeIn) {
    const f = label('wi');
    const st = g.lead / fps;
    chains.push(`color=c=${c(g.accent)}:s=${W}x${H}:r=${fps}:d=${n(WIPE_S)},format=yuv420p${st > 0 ? `,setpts=PTS+${n(st)}/TB` : ''}[${f}]`);
    const o = label('v');
    chains.push(`[${cur}][${f}]overlay=x='-W*${out3(st > 0 ? `(t-${n(st)})/${n(WIPE_S)}` : `t/${n(WIPE_S)}`)}':y=0:format=yuv420:eof_action=pass[${o}]`);
    cur = o;
  }
  if (g.wipeOut && total > 2 * WIPE_S) {
    const f = label('wo');
    const st = total - WIPE_S;
    chains.push(`color=c=${c(g.accent)}:s=${W}x${H}:r=${fps}:d=${n(WIPE_S)},format=yuv420p,setpts=PTS+${n(st)}/TB[${f}]`);
    const o = label('v');
    chains.push(`[${cur}][${f}]overlay=x='W*(1-${in3(`(t-${n(st)})/${n(WIPE_S)}`)})':y=0:format=yuv420:eof_action=pass[${o}]`);
    cur = o;
  }
  chains.push(`[${cur}]${g.grade ? `${g.grade},` : ''}format=yuv420p,setsar=1[out]`);
  return chains.join(';\n');
}
