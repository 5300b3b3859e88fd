/**
 * Changing one picture before approval, offline (issue 21): "make again" gives another picture
 * (the offline keyframe now follows its seed and prompt), a product image can be put in its place,
 * and undo brings back the picture each change replaced — while the neighbours stay and nothing
 * but the changed picture is made.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { changePicture, runToEnd } from '../../src/pipeline/generate';
import type { KeyframeOutput } from '../../src/pipeline/stages/keyframes';
import { toErrorShape } from '../../src/shared/errors';
import { readFrameRgb } from '../../src/pipeline/compose/testing';
import { TEST_RESOLUTION, ffmpegPath, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

describe('changing one picture before approval (offline)', () => {
  it('make again → a different picture; a product image in its place; undo → back, one step at a time', async () => {
    const ws = await makeWorkspace('zapcut-picture-changes-');
    process.env.ZAPCUT_DATA_DIR = ws.dataDir;
    const backend = openPipelineBackend(ws.dataDir);
    try {
      const brief = await loadBrief(await writeBrief(ws.dir));
      const run = backend.runs.create(brief, { provider: 'offline', resolution: TEST_RESOLUTION, reviewPictures: true });
      const stop = () => runToEnd(backend.pipeline, run.id).then(() => 'finished', (e: unknown) => toErrorShape(e).code);
      expect(await stop()).toBe('AWAITING_APPROVAL');
      const out = (id: string) => backend.pipeline.store.getSteps(run.id).find((s) => s.stepId === id)!.output as KeyframeOutput;
      const first = out('keyframe:2');
      const k3 = out('keyframe:3').media;

      changePicture(backend.pipeline, run.id, 2, { kind: 'redo', prompt: 'The jar on a sunlit windowsill' });
      expect(await stop()).toBe('AWAITING_APPROVAL');
      const again = out('keyframe:2');
      expect(again).toMatchObject({ version: 2, prompt: 'The jar on a sunlit windowsill' });
      expect(again.media).not.toBe(first.media);
      // Really another picture, not the same pixels re-encoded: the decoded files differ.
      const bytes = async (sha: string) => createHash('sha256').update(await readFile((await backend.pipeline.media.resolve(sha))!.path)).digest('hex');
      expect(await bytes(again.media)).not.toBe(await bytes(first.media));
      expect(out('keyframe:3').media).toBe(k3);

      const product = await backend.pipeline.media.putFile(brief.product.images[0]!);
      changePicture(backend.pipeline, run.id, 2, { kind: 'use', media: product.sha256, from: 'product' });
      expect(await stop()).toBe('AWAITING_APPROVAL');
      // Fitted to the ad's frame (issue 21): the 200×300 bottle is letterboxed into the 160×90
      // frame whole (60×90 in the middle: brown top, tan label, brown bottom), over a dimmed blur of itself.
      const placed = out('keyframe:2');
      expect(placed).toMatchObject({ from: 'product', fitted: true });
      expect(placed.media).not.toBe(product.sha256);
      const fittedPath = (await backend.pipeline.media.resolve(placed.media))!.path;
      const frame = await readFrameRgb(ffmpegPath, fittedPath, 0, ws.dir);
      expect([frame.width, frame.height]).toEqual([TEST_RESOLUTION.width, TEST_RESOLUTION.height]);
      const near = (px: number[], rgb: number[], tol: number) => px.every((v, i) => Math.abs(v - rgb[i]!) <= tol);
      const BROWN = [0x4a, 0x31, 0x21];
      expect(near(frame.at(80, 2), BROWN, 12), `top ${frame.at(80, 2)}`).toBe(true); // the bottle's top is there: not cropped
      expect(near(frame.at(80, 87), BROWN, 12), `bottom ${frame.at(80, 87)}`).toBe(true);
      expect(near(frame.at(80, 41), [0xe8, 0xc0, 0x7d], 16), `label ${frame.at(80, 41)}`).toBe(true);
      expect(near(frame.at(8, 45), BROWN.map((v) => v * 0.8), 10), `bar ${frame.at(8, 45)}`).toBe(true); // the bar: the picture's own colour, dimmed — not black

      changePicture(backend.pipeline, run.id, 2, { kind: 'undo' });
      expect(await stop()).toBe('AWAITING_APPROVAL');
      expect(out('keyframe:2').media).toBe(again.media);
      changePicture(backend.pipeline, run.id, 2, { kind: 'undo' });
      expect(await stop()).toBe('AWAITING_APPROVAL');
      expect(out('keyframe:2').media).toBe(first.media);
      expect(() => changePicture(backend.pipeline, run.id, 2, { kind: 'undo' })).toThrow(/nothing to undo/);
      // Made again after an undo: a new version (its own job), not the first redo replayed.
      changePicture(backend.pipeline, run.id, 2, { kind: 'redo' });
      expect(await stop()).toBe('AWAITING_APPROVAL');
      expect(out('keyframe:2').version).toBe(3);
      expect(out('keyframe:3').media).toBe(k3);
    } finally {
      backend.close();
    }
  }, 240_000);
});
