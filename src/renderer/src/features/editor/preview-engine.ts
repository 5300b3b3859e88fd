/**
 * The live preview: draws `frameAt(plan, f)` on a canvas with pictures from media-URL <video>
 * and <img> elements (one <video> per layer, so a clip crossfading into a later part of the
 * same file has its own decoder), and plays sound through Web Audio with each sound's gain
 * envelope from the same plan. Paused seeks wait for every needed video to present its frame
 * (the decoder's `requestVideoFrameCallback` with that frame's media time, not only `seeked`:
 * under load Chromium fires `seeked` before the new frame reaches the compositor, and a draw then
 * copies the previous picture) before drawing, so a paused preview frame is the frame the export
 * shows.
 */
import { frameAt, resolveBox, valueAt, type Plan, type PlanSound, type VisibleLayer } from '../../../../shared/timeline';
import { drawFrame, type Drawable } from './draw-frame';

export interface PreviewMedia {
  url: string | null;
  kind: 'video' | 'image' | 'audio';
}

interface Voice {
  el: HTMLMediaElement;
  gain: GainNode | null;
}

/** Seek target inside source frame n (mid-frame avoids landing on the previous frame). */
const frameTime = (frame: number, fps: number) => (frame + 0.5) / fps;

export class PreviewEngine {
  private plan: Plan | null = null;
  private media: Record<string, PreviewMedia> = {};
  private videos = new Map<string, HTMLVideoElement>();
  private images = new Map<string, HTMLImageElement>();
  private voices = new Map<string, Voice>();
  private audioCtx: AudioContext | null = null;
  private raf = 0;
  private drawToken = 0;
  private muted = new Set<string>();
  /** Called after each drawn frame (paused seeks and playback) with its number, and with null
   *  when the canvas shows a frame still on its way (a paused seek drew what it had so far). */
  onDrawn: ((frame: number | null) => void) | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  setPlan(plan: Plan | null, media: Record<string, PreviewMedia>, offlineLabel = ''): void {
    this.offlineLabel = offlineLabel;
    this.plan = plan;
    this.media = media;
    if (plan && (this.canvas.width !== plan.width || this.canvas.height !== plan.height)) {
      this.canvas.width = plan.width;
      this.canvas.height = plan.height;
    }
    const live = new Set(plan?.layers.map((l) => l.id) ?? []);
    for (const [id, el] of this.videos) if (!live.has(id)) this.dropVideo(id, el);
    const sounds = new Set(plan?.sounds.map((s) => s.id) ?? []);
    for (const [id, v] of this.voices) if (!sounds.has(id) && !this.videos.has(id)) this.dropVoice(id, v);
  }

  /** Sounds whose ids are in `muted` are silent in the preview (solo). */
  setMonitorMute(ids: Set<string>): void {
    this.muted = ids;
  }

  private dropVideo(id: string, el: HTMLVideoElement) {
    el.pause();
    el.removeAttribute('src');
    el.load();
    this.videos.delete(id);
  }
  private dropVoice(id: string, v: Voice) {
    v.el.pause();
    v.gain?.disconnect();
    this.voices.delete(id);
  }

  private video(layerId: string, url: string): HTMLVideoElement {
    let el = this.videos.get(layerId);
    if (el && el.dataset.url !== url) {
      this.dropVideo(layerId, el);
      el = undefined;
    }
    if (!el) {
      el = document.createElement('video');
      el.dataset.url = url;
      el.preload = 'auto';
      el.muted = true;
      el.playsInline = true;
      el.src = url;
      this.videos.set(layerId, el);
    }
    return el;
  }

  private image(url: string): HTMLImageElement {
    let el = this.images.get(url);
    if (!el) {
      el = new Image();
      el.decoding = 'async';
      el.src = url;
      el.onload = () => this.redraw();
      this.images.set(url, el);
    }
    return el;
  }

  private lastFrame = 0;
  private seeking = 0;
  /** A picture finished loading: show it, unless a seek in flight will draw anyway. */
  private redraw() {
    if (!this.raf && this.seeking === 0) void this.seek(this.lastFrame);
  }

  /** Shown on the slate of a clip whose file is missing (translated by the caller). */
  offlineLabel = '';

  private source = (layer: VisibleLayer): Drawable | null | 'offline' => {
    if (layer.kind === 'text') {
      if (!layer.raster) return null;
      const img = this.image(layer.raster.src);
      return img.complete && img.naturalWidth > 0 ? img : null;
    }
    const m = this.media[layer.media];
    if (!m?.url) return 'offline';
    if (layer.mediaKind === 'image') {
      const img = this.image(m.url);
      return img.complete && img.naturalWidth > 0 ? img : null;
    }
    const v = this.video(layer.id, m.url);
    return v.readyState >= 2 ? v : null;
  };

  private paint(frame: number, complete = true) {
    const plan = this.plan;
    const ctx = this.canvas.getContext('2d');
    if (!plan || !ctx) return;
    drawFrame(ctx, frameAt(plan, frame), plan.unit, this.source, this.offlineLabel);
    this.lastFrame = frame;
    this.onDrawn?.(complete ? frame : null);
  }

  /** Whether every layer of the frame can be drawn as it is at `frame`: each video element has
   *  presented its source frame (not still seeking, not a timed-out seek's older frame), each
   *  picture and text raster has loaded. A broken or missing file counts as ready (it draws as a slate). */
  private complete(frame: number): boolean {
    const plan = this.plan;
    if (!plan) return true;
    for (const layer of frameAt(plan, frame).layers) {
      if (layer.kind === 'text') {
        if (!layer.raster) return false;
        const img = this.image(layer.raster.src);
        if (!(img.complete && img.naturalWidth > 0)) return false;
        continue;
      }
      const m = this.media[layer.media];
      if (!m?.url) continue;
      if (layer.mediaKind === 'image') {
        if (!this.image(m.url).complete) return false;
        continue;
      }
      const v = this.video(layer.id, m.url);
      if (v.error) continue;
      if (!landed(v, frameTime(layer.sourceFrame, plan.fps))) return false;
    }
    return true;
  }

  /** Paused seek: every visible video lands on its source frame, then one draw. */
  async seek(frame: number, retries = 0): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    const token = ++this.drawToken;
    const view = frameAt(plan, frame);
    const waits: Promise<void>[] = [];
    for (const layer of view.layers) {
      if (layer.kind === 'text') {
        const img = layer.raster ? this.image(layer.raster.src) : null;
        if (img && !img.complete) waits.push(img.decode().catch(() => undefined));
        continue;
      }
      const m = this.media[layer.media];
      if (!m?.url) continue;
      if (layer.mediaKind === 'image') {
        const img = this.image(m.url);
        if (!img.complete) waits.push(img.decode().catch(() => undefined));
        continue;
      }
      const v = this.video(layer.id, m.url);
      if (!v.paused) v.pause();
      const t = frameTime(layer.sourceFrame, plan.fps);
      waits.push(seekVideo(v, t));
    }
    this.seeking++;
    try {
      await Promise.all(waits);
    } finally {
      this.seeking--;
    }
    if (token !== this.drawToken) return;
    // Under load a video's seek can outlast seekVideo's 3 s bound, and a text raster can still be
    // on its way: draw what there is now, but say the frame is drawn only once it is complete
    // (the editor's parity test and anyone reading the canvas rely on that), trying again shortly.
    const complete = this.complete(frame);
    this.paint(frame, complete);
    if (!complete && retries < 100) setTimeout(() => token === this.drawToken && void this.seek(frame, retries + 1), 100);
  }

  private ensureAudio(): AudioContext {
    this.audioCtx ??= new AudioContext();
    if (this.audioCtx.state === 'suspended') void this.audioCtx.resume();
    return this.audioCtx;
  }

  private voice(sound: PlanSound): Voice | null {
    const m = this.media[sound.media];
    if (!m?.url) return null;
    let v = this.voices.get(sound.id);
    if (!v) {
      // A main clip's own sound comes from its picture element; other sounds get an <audio>.
      const el = sound.role === 'scene' ? this.video(sound.id, m.url) : Object.assign(document.createElement('audio'), { preload: 'auto', src: m.url });
      let gain: GainNode | null = null;
      try {
        const ctx = this.ensureAudio();
        const node = ctx.createMediaElementSource(el);
        gain = ctx.createGain();
        node.connect(gain).connect(ctx.destination);
        el.muted = false;
      } catch {
        gain = null; // no Web Audio (or already connected): fall back to element volume
        el.muted = false;
      }
      v = { el, gain };
      this.voices.set(sound.id, v);
    }
    return v;
  }

  play(fromFrame: number, rate: number, onFrame: (f: number) => void, endFrame?: number): void {
    const plan = this.plan;
    if (!plan) return;
    this.stop();
    const t0 = performance.now();
    const end = Math.min(endFrame ?? plan.totalFrames, plan.totalFrames);
    const tick = () => {
      const f = Math.floor(fromFrame + ((performance.now() - t0) / 1000) * plan.fps * rate);
      if (f >= end || f < 0) {
        this.stop();
        onFrame(Math.max(0, Math.min(end - 1, f)));
        return;
      }
      this.syncMedia(f, rate);
      this.paint(f);
      onFrame(f);
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
  }

  /** Keeps every element that should be running within ~1.5 frames of the clock. */
  private syncMedia(f: number, rate: number) {
    const plan = this.plan!;
    const forward = rate > 0;
    const view = frameAt(plan, f);
    const active = new Set<HTMLMediaElement>();
    for (const layer of view.layers) {
      if (layer.kind === 'text' || layer.mediaKind !== 'video') continue;
      const m = this.media[layer.media];
      if (!m?.url) continue;
      const v = this.video(layer.id, m.url);
      active.add(v);
      drive(v, frameTime(layer.sourceFrame, plan.fps), rate, forward, plan.fps);
    }
    for (const s of plan.sounds) {
      if (f < s.start || f >= s.end || !forward) continue;
      const v = this.voice(s);
      if (!v) continue;
      active.add(v.el);
      const g = this.muted.has(s.id) ? 0 : valueAt(s.gain, f);
      if (v.gain) v.gain.gain.setTargetAtTime(g, this.audioCtx!.currentTime, 0.01);
      else v.el.volume = Math.min(1, g);
      drive(v.el, (s.sourceIn + f - s.start + 0.5) / plan.fps, rate, forward, plan.fps);
    }
    for (const el of [...this.videos.values(), ...[...this.voices.values()].map((v) => v.el)]) if (!active.has(el) && !el.paused) el.pause();
  }

  /** Where an image overlay is drawn (canvas px), or null until its picture has loaded. */
  imageRect(layer: Extract<VisibleLayer, { kind: 'image' }>): { left: number; top: number; width: number; height: number } | null {
    const plan = this.plan;
    const src = this.source(layer);
    if (!plan || !src || src === 'offline') return null;
    const natural = src instanceof HTMLVideoElement ? { width: src.videoWidth, height: src.videoHeight } : { width: src.naturalWidth, height: src.naturalHeight };
    return resolveBox(layer.box, plan, natural, plan.unit, layer.slot);
  }

  get isPlaying(): boolean {
    return this.raf !== 0;
  }

  stop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    for (const el of this.videos.values()) el.pause();
    for (const v of this.voices.values()) v.el.pause();
  }

  dispose(): void {
    this.stop();
    for (const [id, el] of this.videos) this.dropVideo(id, el);
    for (const [id, v] of this.voices) this.dropVoice(id, v);
    void this.audioCtx?.close();
  }
}

function drive(el: HTMLMediaElement, t: number, rate: number, forward: boolean, fps: number) {
  presented.delete(el); // playing: the last paused frame is no longer what it shows
  if (!forward) {
    // Backwards shuttle (J): browsers cannot play in reverse, so each frame is a seek.
    if (!el.paused) el.pause();
    if (Math.abs(el.currentTime - t) > 0.5 / fps) el.currentTime = t;
    return;
  }
  if (el.playbackRate !== rate) el.playbackRate = rate;
  if (Math.abs(el.currentTime - t) > 1.5 / fps) el.currentTime = t;
  if (el.paused) void el.play().catch(() => undefined);
}

/** Media time (s) of the frame each video last presented, from `requestVideoFrameCallback`;
 *  cleared when a seek is issued, so only a frame presented after it counts. */
const presented = new WeakMap<HTMLMediaElement, number>();
const hasFrameCallbacks = typeof HTMLVideoElement !== 'undefined' && 'requestVideoFrameCallback' in HTMLVideoElement.prototype;

/** Whether a paused element shows time `t`: the seek is done, and the frame it presented is the
 *  one `t` falls in (the last frame starting at or before `t`; 100 ms covers sources ≥ 10 fps). */
function landed(v: HTMLVideoElement, t: number): boolean {
  const target = Number.isFinite(v.duration) ? Math.min(t, v.duration) : t;
  if (v.readyState < 2 || v.seeking || Math.abs(v.currentTime - target) > 1e-3) return false;
  if (!hasFrameCallbacks) return true;
  const shown = presented.get(v);
  return shown !== undefined && shown <= target + 1e-3 && target - shown < 0.1;
}

/**
 * Resolves when the element has presented the frame at time `t` (or after 3 s, so a broken file
 * never hangs the UI; the caller then checks `landed` and tries again). The frame callback is
 * asked for before the seek is issued: a paused element presents one frame per seek, and a
 * callback asked for after that frame would never run.
 */
export function seekVideo(v: HTMLVideoElement, t: number): Promise<void> {
  return new Promise((resolve) => {
    let handle = 0;
    const done = () => {
      clearTimeout(timer);
      if (handle && hasFrameCallbacks) v.cancelVideoFrameCallback(handle);
      handle = 0;
      v.removeEventListener('seeked', check);
      v.removeEventListener('loadeddata', onLoaded);
      v.removeEventListener('error', done);
      resolve();
    };
    const check = () => {
      if (landed(v, t)) done();
    };
    const onFrame = (_now: number, frame: VideoFrameCallbackMetadata) => {
      presented.set(v, frame.mediaTime);
      handle = 0;
      if (landed(v, t)) return done();
      handle = v.requestVideoFrameCallback(onFrame);
    };
    const issue = () => {
      presented.delete(v);
      v.currentTime = t;
    };
    const onLoaded = () => {
      if (landed(v, t)) done();
      else issue();
    };
    if (landed(v, t)) return resolve();
    const timer = setTimeout(done, 3000);
    if (hasFrameCallbacks) handle = v.requestVideoFrameCallback(onFrame);
    v.addEventListener('seeked', check);
    v.addEventListener('error', done);
    if (v.readyState >= 1) issue();
    else v.addEventListener('loadeddata', onLoaded);
  });
}
