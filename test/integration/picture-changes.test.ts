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
import { TEST_RESOLUTION, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

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
      expect(out('keyframe:2')).toMatchObject({ media: product.sha256, from: 'product' });

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
