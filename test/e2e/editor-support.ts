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

/** Moves the playhead with the "Go to frame" field and returns ms until the canvas shows it. */
export async function seekPreview(page: Page, frame: number): Promise<number> {
  return page.evaluate(async (f) => {
    const d = globalThis as unknown as { document: { querySelector(s: string): unknown } };
    const input = d.document.querySelector('[data-testid="goto-frame"]') as { value: string; form: { requestSubmit(): void } };
    const canvas = d.document.querySelector('[data-testid="preview-canvas"]') as { getAttribute(n: string): string | null };
    const t0 = performance.now();
    input.value = String(f);
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
