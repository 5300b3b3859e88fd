import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { resolveBinaries, runFfmpeg } from '../../src/pipeline/ffmpeg';
import { repoRoot } from '../harness/renderer-build';

/** Screenshots land here (gitignored) so a person can look at what the test saw. */
export const artifactsDir = join(repoRoot, 'test/artifacts');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

export function sharedHarnessUrl(): string {
  const url = process.env.ZAPCUT_HARNESS_URL;
  if (!url) throw new Error('ZAPCUT_HARNESS_URL is not set: run through `npm run test:e2e` so global-setup starts the harness.');
  return url;
}

/**
 * Product-like test images generated with FFmpeg's lavfi sources at test time (no binaries in git):
 * a warm gradient "bottle" shot and a colourful test card.
 */
export async function makeProductImages(dir: string): Promise<{ gradient: string; card: string }> {
  const { ffmpegPath } = resolveBinaries();
  const gradient = join(dir, 'Bouteille été 01.png');
  const card = join(dir, 'product-card.png');
  await runFfmpeg({
    ffmpegPath,
    args: ['-f', 'lavfi', '-i', 'color=c=black:s=320x240', '-vf', "geq=r='120+X*135/W':g='70+Y*80/H':b='200-X*90/W',drawbox=x=125:y=40:w=70:h=170:color=white@0.85:t=fill,drawbox=x=145:y=20:w=30:h=24:color=0x222222@0.9:t=fill", '-frames:v', '1'],
    output: gradient,
  });
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=1', '-frames:v', '1'], output: card });
  return { gradient, card };
}

/** Drops real files onto an element the way a user's drag from the file manager does. */
export async function dropFiles(page: Page, selector: string, files: { name: string; mimeType: string; bytes: Buffer }[]) {
  const payload = files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    // Runs in the page (DOM types are not in this Node tsconfig, hence the narrow local typing).
    const w = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: Uint8Array[], name: string, opts: { type: string }) => unknown;
    };
    const dt = new w.DataTransfer();
    for (const item of items) {
      const bin = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      dt.items.add(new w.File([bin], item.name, { type: item.mimeType }));
    }
    return dt;
  }, payload);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}
