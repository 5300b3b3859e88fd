import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend';
import type { EditorProject, TimelineVersion } from '../../../shared/domain/editor';
import { caption, parseTimeline } from '../../../shared/timeline';

describe('timeline versions (issue 19)', () => {
  let dir: string;
  let backend: Backend;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zapcut-versions-'));
    backend = createBackend({ dataDir: path.join(dir, 'data'), mediaBaseUrl: '/media/' });
  });
  afterEach(() => {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await backend.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };

  it('lists every saved version newest first, restores an old one as the newest, and refuses one no longer kept', async () => {
    const p = await call<EditorProject>('editor/open', { title: 'Versions' });
    const doc = parseTimeline(p.timeline);
    const titled = (text: string) => ({ ...doc, overlays: doc.overlays.map((t, i) => (i === 1 ? { ...t, items: [caption({ id: 'c', text, start: 0, durationFrames: 30, fps: 30 })] } : t)) });
    await call('editor/save', { projectId: p.projectId, timeline: titled('First') });
    await call('editor/save', { projectId: p.projectId, timeline: titled('Second') });
    const list = await call<TimelineVersion[]>('editor/versions', { projectId: p.projectId });
    expect(list.map((v) => [v.version, v.current, v.rendered])).toEqual([
      [3, true, []],
      [2, false, []],
      [1, false, []],
    ]);
    const restored = await call<EditorProject>('editor/restore', { projectId: p.projectId, version: 2 });
    expect(restored.version).toBe(4);
    expect(JSON.stringify(restored.timeline)).toContain('First');
    expect((await call<TimelineVersion[]>('editor/versions', { projectId: p.projectId }))[0]).toMatchObject({ version: 4, current: true });
    const gone = await backend.dispatch('editor/restore', { projectId: p.projectId, version: 99 });
    expect(gone.ok ? null : gone.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no longer kept/) });
  });
});
