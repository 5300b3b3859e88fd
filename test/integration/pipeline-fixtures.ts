/**
 * Shared setup for the pipeline integration tests: a temp data folder, tiny generated product
 * shots (FFmpeg lavfi, nothing committed), briefs, and a backend (the one the CLI and the app
 * build) with the scripted fake provider added to its pipeline.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { makeSyntheticImage } from '../../src/pipeline/ffmpeg/synthetic';
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

/** Writes two tiny product shots and a brief next to them; returns the brief path. */
export async function writeBrief(dir: string, o: BriefOverrides = {}): Promise<string> {
  await makeSyntheticImage(ffmpegPath, path.join(dir, 'bottle.png'), { color: '0x4A3121', width: 64, height: 96 });
  await makeSyntheticImage(ffmpegPath, path.join(dir, 'glass.png'), { color: '0xE8C07D', width: 80, height: 80 });
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
