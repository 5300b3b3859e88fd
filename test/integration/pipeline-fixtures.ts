/**
 * Shared setup for the pipeline integration tests: a temp data folder, tiny generated product
 * shots (FFmpeg lavfi, nothing committed), briefs, and a backend (the one the CLI and the app
 * build) with the scripted fake provider added to its pipeline.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { runFfmpeg } from '../../src/pipeline/ffmpeg/run';
import type { FakeScript } from '../../src/pipeline/providers/fake';
import type { ProviderFamily } from '../../src/pipeline/providers/types';
import { createBackend, type Backend } from '../../src/backend/backend';

export const ffmpegPath = resolveBinaries().ffmpegPath;

export const fastLatencies: FakeScript['latencyMs'] = { text: 15, image: 30, videoPerSecond: 10, videoFixed: 60, speech: 30, music: 40, sfx: 20 };

export async function makeWorkspace(prefix = 'zapcut-pipeline-'): Promise<{ dir: string; dataDir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, dataDir: path.join(dir, 'data') };
}

export interface BriefOverrides {
  brand?: Record<string, unknown>;
  product?: Record<string, unknown>;
  cta?: string;
  lengthSeconds?: 15 | 30 | 60;
  voice?: string;
}

/** Writes two small product shots (a label on each: not one flat colour, and over the 200 px a
 *  product image needs — images/product-image.ts) and a brief next to them; returns the brief path. */
export async function writeBrief(dir: string, o: BriefOverrides = {}): Promise<string> {
  const shot = (file: string, size: string, colour: string, label: string) =>
    runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', `color=c=${colour}:s=${size}`, '-vf', `drawbox=x=iw/4:y=ih/3:w=iw/2:h=ih/4:color=${label}:t=fill`, '-frames:v', '1'], output: path.join(dir, file) });
  await shot('bottle.png', '200x300', '0x4A3121', '0xE8C07D');
  await shot('glass.png', '240x240', '0xE8C07D', '0x4A3121');
  const brief = {
    brand: { name: 'Luna Coffee', description: 'Small-batch cold brew. Smooth and organic.', ...o.brand },
    product: {
      name: 'Luna Cold Brew',
      description: 'Smooth organic cold brew concentrate, steeped for 18 hours.',
      audience: 'busy professionals',
      benefit: 'calm, steady energy',
      images: ['bottle.png', 'glass.png'],
      ...o.product,
    },
    cta: o.cta ?? 'Order today',
    lengthSeconds: o.lengthSeconds ?? 15,
    ...(o.voice ? { voice: o.voice } : {}),
  };
  const file = path.join(dir, 'brief.json');
  await writeFile(file, JSON.stringify(brief, null, 2));
  return file;
}

/** Tiny render size for tests (the 2 shared cores): 160×90. */
export const TEST_RESOLUTION = { width: 160, height: 90 };
export const FAST_RETRY = { maxAttempts: 3, baseMs: 20, capMs: 200 };

/** A backend over `dataDir` for pipeline tests: extra families, fast retries, nothing resumed on start. */
export function openPipelineBackend(dataDir: string, families: Record<string, ProviderFamily> = {}): Backend {
  return createBackend({ dataDir, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false }, pipeline: { families, retry: FAST_RETRY } });
}
