/**
 * Helpers for the editor specs: a project built through the real backend (media imported as
 * bytes, the timeline saved with editor/save), pixels read from the preview canvas, frames read
 * from an exported MP4 with FFmpeg.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { EditorMedia, EditorProject } from '../../src/shared/domain/editor';
import type { Result } from '../../src/shared/errors';
import { resolveBinaries, runFfmpeg } from '../../src/pipeline/ffmpeg';
import { caption, emptyTimeline, productOverlay, type Timeline } from '../../src/shared/timeline';

type Bridge = { invoke(channel: string, input: unknown): Promise<Result<unknown>> };

export async function invoke<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await page.evaluate(([c, i]) => (globalThis as unknown as { zapcut: Bridge }).zapcut.invoke(c as string, i), [channel, input] as const);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export async function importFiles(page: Page, projectId: string, files: string[]): Promise<Record<string, EditorMedia>> {
  const sources = await Promise.all(files.map(async (f) => ({ name: path.basename(f), base64: (await readFile(f)).toString('base64') })));
  const media = await invoke<EditorMedia[]>(page, 'editor/importMedia', { projectId, files: sources });
  return Object.fromEntries(media.map((m) => [m.name, m]));
}

export async function openBlank(page: Page, title: string): Promise<EditorProject> {
  return invoke<EditorProject>(page, 'editor/open', { title });
}

/** Opens the project in the editor UI the way a restart does (last project is remembered). */
export async function showInEditor(page: Page, projectId: string): Promise<void> {
  await page.evaluate((id) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('zapcut.editor.lastProject', id), projectId);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Editor' }).click();
  await page.getByTestId('editor').waitFor();
}

/** Moves the playhead with the "Go to" field (a frame typed as `90f`) and returns ms until the canvas shows it. */
export async function seekPreview(page: Page, frame: number): Promise<number> {
  return page.evaluate(async (f) => {
    const d = globalThis as unknown as { document: { querySelector(s: string): unknown } };
    const input = d.document.querySelector('[data-testid="goto-frame"]') as { value: string; form: { requestSubmit(): void } };
    const canvas = d.document.querySelector('[data-testid="preview-canvas"]') as { getAttribute(n: string): string | null };
    const t0 = performance.now();
    input.value = `${f}f`;
    input.form.requestSubmit();
    while (canvas.getAttribute('data-drawn-frame') !== String(f)) {
      if (performance.now() - t0 > 10_000) throw new Error(`frame ${f} was never drawn`);
      await new Promise((r) => setTimeout(r, 2));
    }
    return performance.now() - t0;
  }, frame);
}

export interface Rgb {
  width: number;
  height: number;
  data: Uint8Array;
}

export async function canvasRgb(page: Page): Promise<Rgb> {
  const { width, height, b64 } = await page.evaluate(() => {
    const d = globalThis as unknown as { document: { querySelector(s: string): unknown } };
    const c = d.document.querySelector('[data-testid="preview-canvas"]') as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const rgba = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const rgb = new Uint8Array((rgba.length / 4) * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      rgb[j] = rgba[i]!;
      rgb[j + 1] = rgba[i + 1]!;
      rgb[j + 2] = rgba[i + 2]!;
    }
    let s = '';
    for (let i = 0; i < rgb.length; i += 0x8000) s += String.fromCharCode(...rgb.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, b64: btoa(s) };
  });
  return { width, height, data: new Uint8Array(Buffer.from(b64, 'base64')) };
}

/** Frame n of a video, scaled to width×height, as RGB. */
export async function videoFrameRgb(file: string, n: number, width: number, height: number, workDir: string): Promise<Rgb> {
  const out = path.join(workDir, `f${n}-${Date.now()}.rgb`);
  await runFfmpeg({ ffmpegPath: resolveBinaries().ffmpegPath, args: ['-i', file, '-vf', `select=eq(n\\,${n}),scale=${width}:${height}:flags=area`, '-vsync', '0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24'], output: out });
  const data = new Uint8Array(await readFile(out));
  await rm(out, { force: true });
  return { width, height, data };
}

/** Mean absolute difference per channel (0–255). */
export function meanAbsDiff(a: Rgb, b: Rgb): [number, number, number] {
  if (a.data.length !== b.data.length) throw new Error(`size mismatch ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  const sum = [0, 0, 0];
  for (let i = 0; i < a.data.length; i++) sum[i % 3]! += Math.abs(a.data[i]! - b.data[i]!);
  const n = a.data.length / 3;
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

export interface DriveFiles {
  a: string;
  b: string;
  logo: string;
  voice: string;
  music: string;
  whoosh: string;
}

/** Small fixtures for the keyboard/inspector specs: two 3 s clips, a logo, three sounds. */
export async function makeDriveFiles(work: string): Promise<DriveFiles> {
  const { makeSyntheticImage, makeSyntheticTone, makeSyntheticVideo } = await import('../../src/pipeline/ffmpeg/synthetic');
  const ff = resolveBinaries().ffmpegPath;
  const files: DriveFiles = {
    a: path.join(work, 'pattern.mp4'),
    b: path.join(work, 'bars.mp4'),
    logo: path.join(work, 'logo.png'),
    voice: path.join(work, 'voice.wav'),
    music: path.join(work, 'music.wav'),
    whoosh: path.join(work, 'whoosh.wav'),
  };
  await makeSyntheticVideo(ff, files.a, { color: 'testsrc', width: 320, height: 180, fps: 30, durationS: 3 });
  await makeSyntheticVideo(ff, files.b, { color: 'smptebars', width: 320, height: 180, fps: 30, durationS: 3 });
  await makeSyntheticImage(ff, files.logo, { color: '0x3366FF', width: 200, height: 100 });
  await makeSyntheticTone(ff, files.voice, { hz: 330, durationS: 1.5, amplitude: 0.4 });
  await makeSyntheticTone(ff, files.music, { hz: 220, durationS: 5, amplitude: 0.2 });
  await makeSyntheticTone(ff, files.whoosh, { hz: 880, durationS: 0.5, amplitude: 0.3 });
  return files;
}

/**
 * Two scenes joined by a 15-frame crossfade (frames 0–90 and 75–165), and on every other track
 * kind something before and after that join: a product shot, a title, two captions, two voice
 * lines, the music bed and a whoosh at the cut.
 */
export function driveTimeline(m: Record<string, EditorMedia>, files: DriveFiles): Timeline {
  const tl = emptyTimeline({ fps: 30, preset: '16:9' });
  const entry = (f: string, kind: 'video' | 'image' | 'audio') => ({ kind, sha256: m[path.basename(f)]!.sha256!, name: path.basename(f) });
  tl.media = { a: entry(files.a, 'video'), b: entry(files.b, 'video'), logo: entry(files.logo, 'image'), voice: entry(files.voice, 'audio'), music: entry(files.music, 'audio'), whoosh: entry(files.whoosh, 'audio') };
  tl.main.clips = [
    { id: 'pattern', media: 'a', start: 0, in: 0, out: 90, fit: 'cover', gain: 0, transitionIn: { kind: 'cut', frames: 0 } },
    { id: 'bars', media: 'b', start: 75, in: 0, out: 90, fit: 'cover', gain: 0, transitionIn: { kind: 'crossfade', frames: 15 } },
  ];
  tl.overlays[0]!.items.push(productOverlay({ id: 'logo-1', media: 'logo', start: 100, fps: 30, durationFrames: 45 }));
  // Titles on their own track, as generated ads have them (so the title and the captions never cover each other).
  tl.overlays.push({ id: 'titles', name: 'Titles', z: 15, hidden: false, items: [{ ...caption({ id: 'title-1', text: 'Big news', start: 5, durationFrames: 60, fps: 30 }), role: 'title' }] });
  tl.overlays[1]!.items.push(
    caption({ id: 'cap-1', text: 'Fresh lemons, squeezed daily', start: 10, durationFrames: 50, fps: 30 }),
    caption({ id: 'cap-2', text: 'Order yours today', start: 95, durationFrames: 50, fps: 30 }),
  );
  tl.audio[0]!.clips.push(
    { id: 'vo-1', media: 'voice', start: 10, in: 0, out: 45, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 },
    { id: 'vo-2', media: 'voice', start: 95, in: 0, out: 45, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 },
  );
  tl.audio[1]!.clips.push({ id: 'bed', media: 'music', start: 0, in: 0, out: 150, gain: 0.5, fadeInFrames: 0, fadeOutFrames: 0 });
  tl.audio[2]!.clips.push({ id: 'swish', media: 'whoosh', start: 78, in: 0, out: 15, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 });
  return tl;
}

/** Where every item starts (by id), read from the saved document through the backend. */
export async function savedStarts(page: Page, projectId: string): Promise<Record<string, number>> {
  const p = await invoke<EditorProject>(page, 'editor/open', { projectId });
  const tl = p.timeline as Timeline;
  const out: Record<string, number> = {};
  for (const c of tl.main.clips) out[c.id] = c.start;
  for (const tr of tl.overlays) for (const it of tr.items) out[it.id] = it.start;
  for (const tr of tl.audio) for (const c of tr.clips) out[c.id] = c.start;
  return out;
}
