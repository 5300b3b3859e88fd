/**
 * One ad, one truth (issue 19, broken #1): after an edit in the editor, the Ads result says it is
 * out of date and Export ships the edited ad (rendered again from the current timeline), never the
 * render from before the edit. An autosave that changed nothing keeps the render current.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend';
import type { AdProjectView } from '../../../shared/domain/ads';
import type { EditorMedia, EditorProject } from '../../../shared/domain/editor';
import { parseTimeline, type Timeline } from '../../../shared/timeline';
import { resolveBinaries } from '../../../pipeline/ffmpeg';
import { probeMedia } from '../../../pipeline/ffmpeg/probe';
import { makeSyntheticVideo } from '../../../pipeline/ffmpeg/synthetic';

process.env.ZAPCUT_RENDER_SCALE = '0.2';
const bins = resolveBinaries();

let dir: string;
let backend: Backend;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'zapcut-current-'));
  backend = createBackend({ dataDir: path.join(dir, 'data'), mediaBaseUrl: '/media/' });
});
afterAll(() => {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One clip on the main track, trimmed to `frames`. */
function withClip(base: Timeline, clip: EditorMedia, frames: number): Timeline {
  return { ...base, media: { m: { kind: 'video', sha256: clip.sha256!, name: clip.name } }, main: { clips: [{ id: 'c1', media: 'm', start: 0, in: 0, out: frames, fit: 'cover', gain: 1, transitionIn: { kind: 'cut', frames: 0 } }] } };
}

const exportRows = () => {
  const db = new Database(path.join(dir, 'data', 'zapcut.sqlite'), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM exports WHERE status = 'done'").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('the ad follows its latest timeline', () => {
  it('marks the render out of date after an edit, and Export renders and ships the edited ad', async () => {
    const opened = await call<EditorProject>('editor/open', { title: 'Edited ad' });
    const projectId = opened.projectId;
    const file = path.join(dir, 'clip.mp4');
    const other = path.join(dir, 'other.mp4');
    await makeSyntheticVideo(bins.ffmpegPath, file, { color: 'red', width: 160, height: 90, fps: 30, durationS: 3 });
    await makeSyntheticVideo(bins.ffmpegPath, other, { color: 'blue', width: 160, height: 90, fps: 30, durationS: 3 });
    const [clip, blue] = await call<EditorMedia[]>('editor/importMedia', { projectId, files: [{ path: file }, { path: other }] });
    const base = parseTimeline(opened.timeline);
    const long = withClip(base, clip!, 90);
    await call('editor/save', { projectId, timeline: long });

    const rendered = await call<AdProjectView>('project/variant', { projectId, aspect: '16:9' });
    expect(rendered.results).toEqual([expect.objectContaining({ aspect: '16:9', upToDate: true })]);
    expect(rendered.results[0]!.durationMs).toBeGreaterThan(2800);

    // Autosave of the same document: still current.
    await call('editor/save', { projectId, timeline: JSON.parse(JSON.stringify(long)) });
    expect((await call<AdProjectView>('project/get', { id: projectId })).results[0]!.upToDate).toBe(true);

    // The user replaces the scene with a 1 s blue one in the editor: the old render is no longer the ad.
    await call('editor/save', { projectId, timeline: withClip(base, blue!, 30) });
    const stale = await call<AdProjectView>('project/get', { id: projectId });
    expect(stale.results[0]).toMatchObject({ upToDate: false, videoUrl: rendered.results[0]!.videoUrl });

    // Export ships the edited ad, and the Ads view (player, thumbnail) now shows it too.
    const out = path.join(dir, 'exported ad.mp4');
    await call('project/export', { projectId, aspect: '16:9', path: out });
    const probe = await probeMedia(bins.ffprobePath, out);
    expect(probe.durationS).toBeGreaterThan(0.9);
    expect(probe.durationS).toBeLessThan(1.5);
    const after = await call<AdProjectView>('project/get', { id: projectId });
    expect(after.results[0]).toMatchObject({ upToDate: true });
    expect(after.results[0]!.videoUrl).not.toBe(rendered.results[0]!.videoUrl);
    expect(after.results[0]!.thumbnailUrl).not.toBe(rendered.results[0]!.thumbnailUrl);
    expect(after.thumbnailUrl).toBe(after.results[0]!.thumbnailUrl);

    // A second export of the unchanged ad copies that render: no new render.
    const count = exportRows();
    await call('project/export', { projectId, aspect: '16:9', path: path.join(dir, 'again.mp4') });
    expect(exportRows()).toBe(count);
  }, 120_000);
});
