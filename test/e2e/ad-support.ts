/**
 * A finished ad for the specs that start from one (variants, export): made through the contract
 * with the offline engine, as a user would through the chat.
 */
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { resolveBinaries, runFfmpeg } from '../../src/pipeline/ffmpeg';
import { invoke } from './editor-support';

/** A finished 15 s 16:9 ad made through the contract (the chat, the storyboard, the offline run). */
export async function finishedAd(page: Page, work: string): Promise<string> {
  // A tall bottle (200×300): its end card keeps clear of the networks' UI zones, so the pack's
  // YouTube check can pass (a 4:3 shot's end-card product sits under YouTube's buttons at 16:9).
  const bottle = join(work, 'bottle.png');
  await runFfmpeg({ ffmpegPath: resolveBinaries().ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0x4A3121:s=200x300', '-vf', 'drawbox=x=iw/4:y=ih/3:w=iw/2:h=ih/4:color=0xE8C07D:t=fill', '-frames:v', '1'], output: bottle });
  const brand = await invoke<{ id: string }>(page, 'brand/create', { name: 'Luna', description: 'Cold brew coffee.', colors: ['#1B3A4B', '#F2C14E'] });
  await invoke(page, 'asset/import', { brandId: brand.id, files: [{ path: bottle }] });
  const p = await invoke<{ id: string }>(page, 'project/create', { brandId: brand.id });
  for (const text of ['Luna Cold Brew', 'A smooth cold brew coffee in a glass bottle.', 'Night owls', 'Calm energy for late work', 'Yes, use them', '15 seconds', '16:9', 'Calm and warm', 'Order today at luna.coffee', 'Looks good, draft it']) {
    await invoke(page, 'chat/send', { projectId: p.id, text });
  }
  await expect.poll(async () => (await invoke<{ storyboard: unknown; drafting: boolean }>(page, 'project/get', { id: p.id })).storyboard !== null, { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => (await invoke<{ drafting: boolean }>(page, 'project/get', { id: p.id })).drafting, { timeout: 60_000 }).toBe(false);
  await invoke(page, 'storyboard/approve', { projectId: p.id, offline: true });
  await expect.poll(async () => (await invoke<{ status: string }>(page, 'project/get', { id: p.id })).status, { timeout: 180_000 }).toBe('ready');
  return p.id;
}
