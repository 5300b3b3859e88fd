import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend';
import type { EditorMedia, EditorProject, MediaInfo } from '../../../shared/domain/editor';
import type { EventName } from '../../../shared/contract';
import { applyCommand } from '../../../shared/timeline/commands';
import { parseTimeline, type Timeline } from '../../../shared/timeline';
import { resolveBinaries } from '../../../pipeline/ffmpeg';
import { makeSyntheticTone, makeSyntheticVideo } from '../../../pipeline/ffmpeg/synthetic';
import type { DesktopHooks } from '../desktop';

const ffmpeg = resolveBinaries().ffmpegPath;

describe('editor service', () => {
  let dir: string;
  let backend: Backend;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'zapcut-editor-'));
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
  const fail = async (channel: string, input: unknown) => {
    const r = await backend.dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} should have failed`);
    return r.error;
  };

  /** A blank project with one imported 2 s clip (+ sound) on the main track. */
  async function projectWithClip(): Promise<{ project: EditorProject; doc: Timeline; clip: EditorMedia }> {
    const project = await call<EditorProject>('editor/open', { title: 'Süß 🍋' });
    const file = path.join(dir, 'clip.mp4');
    await makeSyntheticVideo(ffmpeg, file, { color: 'red', width: 160, height: 90, fps: 30, durationS: 2 });
    const [clip] = await call<EditorMedia[]>('editor/importMedia', { projectId: project.projectId, files: [{ path: file }] });
    const doc0 = parseTimeline(project.timeline);
    const r = applyCommand(doc0, {
      type: 'batch',
      commands: [
        { type: 'putMedia', mediaId: clip!.mediaId, entry: { kind: 'video', sha256: clip!.sha256!, name: clip!.name } },
        { type: 'insertMain', index: 0, clip: { id: 'c1', media: clip!.mediaId, start: 0, in: 0, out: 60, fit: 'cover', gain: 1, transitionIn: { kind: 'cut', frames: 0 } } },
      ],
    });
    if (!r.ok) throw new Error(r.reason);
    return { project, doc: r.doc, clip: clip! };
  }

  it('a save from an older base is refused (CONFLICT) and writes nothing: a change saved elsewhere is never silently undone', async () => {
    const { project, doc } = await projectWithClip();
    const mine = await call<{ version: number }>('editor/save', { projectId: project.projectId, timeline: doc, baseVersion: project.version });
    expect(mine.version).toBe(project.version + 1);
    // Another writer (a revision from the chat saves without the editor's base) makes the next version.
    const elsewhere = await call<{ version: number }>('editor/save', { projectId: project.projectId, timeline: { ...doc, main: { clips: [{ ...doc.main.clips[0]!, out: 30 }] } } });
    expect(elsewhere.version).toBe(mine.version + 1);
    // The editor, still on its own last save, autosaves again: refused, naming the newer version.
    const err = await fail('editor/save', { projectId: project.projectId, timeline: doc, baseVersion: mine.version });
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toMatchObject({ baseVersion: mine.version, newest: elsewhere.version, i18n: { key: 'errors.editor.changedElsewhere' } });
    const versions = await call<{ version: number }[]>('editor/versions', { projectId: project.projectId });
    expect(versions[0]!.version).toBe(elsewhere.version);
    const reopened = await call<EditorProject>('editor/open', { projectId: project.projectId });
    expect(parseTimeline(reopened.timeline).main.clips[0]!.out).toBe(30);
    // From the newest base (after "Keep my version") it saves.
    expect((await call<{ version: number }>('editor/save', { projectId: project.projectId, timeline: doc, baseVersion: elsewhere.version })).version).toBe(elsewhere.version + 1);
    expect((await fail('editor/save', { projectId: project.projectId, timeline: doc, baseVersion: -1 })).code).toBe('VALIDATION');
  });

  it('opens a blank project, autosaves versions and reopens the last state', async () => {
    const { project, doc, clip } = await projectWithClip();
    expect(project.version).toBe(1);
    expect(clip).toMatchObject({ kind: 'video', online: true, hasAudio: false });
    const saved = await call<{ version: number }>('editor/save', { projectId: project.projectId, timeline: doc });
    expect(saved.version).toBe(2);
    const again = await call<EditorProject>('editor/open', { projectId: project.projectId });
    expect(again).toMatchObject({ version: 2, title: 'Süß 🍋', recovered: null });
    expect(parseTimeline(again.timeline)).toEqual(doc);
    expect(again.media).toEqual([expect.objectContaining({ mediaId: clip.mediaId, online: true, url: `/media/${clip.sha256}` })]);
  });

  it('refuses an invalid document and keeps the last good version; a corrupt row is skipped on open', async () => {
    const { project, doc } = await projectWithClip();
    await call('editor/save', { projectId: project.projectId, timeline: doc });
    const bad = { ...doc, main: { clips: [{ ...doc.main.clips[0]!, out: 0 }] } };
    const err = await fail('editor/save', { projectId: project.projectId, timeline: bad });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/Not saved: .*c1.*last good version is kept/);
    // Simulate a torn/corrupted newest row (e.g. edited by hand): open falls back and says so.
    const db = (await import('better-sqlite3')).default(path.join(dir, 'data', 'zapcut.sqlite'));
    db.prepare("INSERT INTO timelines (id, project_id, version, document_json, created_at) VALUES ('x', ?, 99, '{\"schema\":\"zapcut.timeline\",', 'now')").run(project.projectId);
    db.close();
    const opened = await call<EditorProject>('editor/open', { projectId: project.projectId });
    expect(opened.version).toBe(2);
    expect(opened.recovered).toMatchObject({ badVersion: 99, reason: expect.stringMatching(/not valid JSON/) });
    expect(parseTimeline(opened.timeline)).toEqual(doc);
  });

  it('marks missing media offline and relinks it (kind checked)', async () => {
    const { project, doc, clip } = await projectWithClip();
    await call('editor/save', { projectId: project.projectId, timeline: doc });
    rmSync(path.join(dir, 'data', 'media', clip.sha256!.slice(0, 2), clip.sha256!));
    const opened = await call<EditorProject>('editor/open', { projectId: project.projectId });
    expect(opened.media[0]).toMatchObject({ online: false, url: null });
    const tone = path.join(dir, 'tone.wav');
    await makeSyntheticTone(ffmpeg, tone, { hz: 220, durationS: 1, amplitude: 0.5 });
    const wrong = await fail('editor/relink', { projectId: project.projectId, mediaId: clip.mediaId, kind: 'video', file: { path: tone } });
    expect(wrong).toMatchObject({ code: 'UNSUPPORTED_MEDIA', message: expect.stringMatching(/Choose a video file/) });
    const replacement = path.join(dir, 'again.mp4');
    await makeSyntheticVideo(ffmpeg, replacement, { color: 'blue', width: 160, height: 90, fps: 30, durationS: 2 });
    const relinked = await call<EditorMedia>('editor/relink', { projectId: project.projectId, mediaId: clip.mediaId, kind: 'video', file: { path: replacement } });
    expect(relinked).toMatchObject({ mediaId: clip.mediaId, online: true });
    const export1 = await fail('editor/importMedia', { projectId: project.projectId, files: [{ name: 'notes.txt', base64: Buffer.from('hello there, not media').toString('base64') }] });
    expect(export1.code).toBe('UNSUPPORTED_MEDIA');
  });

  it('computes filmstrip + waveform once and serves them from the cache', async () => {
    const { clip, project } = await projectWithClip();
    const tone = path.join(dir, 'tone.wav');
    await makeSyntheticTone(ffmpeg, tone, { hz: 220, durationS: 1, amplitude: 0.5 });
    const [audio] = await call<EditorMedia[]>('editor/importMedia', { projectId: project.projectId, files: [{ path: tone }] });
    const info = await call<MediaInfo>('editor/mediaInfo', { sha256: clip.sha256 });
    expect(info.filmstripFrames).toBe(12);
    const strip = await backend.handleMediaRequest(new Request(`http://x${info.filmstripUrl}`));
    expect(strip.status).toBe(200);
    const a = await call<MediaInfo>('editor/mediaInfo', { sha256: audio!.sha256 });
    expect(a.filmstripUrl).toBeNull();
    expect(a.peaks.length).toBeGreaterThanOrEqual(49);
    expect(Math.max(...a.peaks)).toBeGreaterThan(0.4);
    const cacheFile = path.join(dir, 'data', 'editor-cache', `${audio!.sha256}.json`);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).peaks).toEqual(a.peaks);
    // The second call reads the cache instead of running FFmpeg again: a marker written into the
    // cache comes back as is (a recompute would return the measured peaks).
    const marker = { ...JSON.parse(readFileSync(cacheFile, 'utf8')), peaks: [0.123, 0.456] };
    writeFileSync(cacheFile, JSON.stringify(marker));
    const again = await call<MediaInfo>('editor/mediaInfo', { sha256: audio!.sha256 });
    expect(again.peaks).toEqual([0.123, 0.456]);
  });

  it('exports with progress and finishes; a second export can be cancelled', async () => {
    const { project, doc } = await projectWithClip();
    const events: Array<[EventName, unknown]> = [];
    backend.on((e, p) => events.push([e, p]));
    const waitFinished = (id: string) =>
      new Promise<{ status: string; path: string | null; error: unknown }>((resolve) => {
        const off = backend.on((e, p) => {
          if (e === 'export/finished' && (p as { exportId: string }).exportId === id) {
            off();
            resolve(p as never);
          }
        });
      });
    const job = await call<{ exportId: string }>('export/start', { projectId: project.projectId, timeline: doc, aspect: '1:1', resolution: 720, draft: true });
    const finished = await waitFinished(job.exportId);
    expect(finished).toMatchObject({ status: 'done', error: null });
    expect(existsSync(finished.path!)).toBe(true);
    expect(path.basename(finished.path!)).toBe('Süß 🍋 1x1 720p.mp4');
    expect(events.some(([e, p]) => e === 'export/progress' && (p as { stage: string }).stage === 'encoding')).toBe(true);

    const job2 = await call<{ exportId: string }>('export/start', { projectId: project.projectId, timeline: doc, aspect: '16:9', resolution: 1080 });
    const busy = await fail('export/start', { projectId: project.projectId, timeline: doc, aspect: '16:9', resolution: 720 });
    expect(busy.code).toBe('CONFLICT');
    const finished2 = waitFinished(job2.exportId);
    expect(await call('export/cancel', { exportId: job2.exportId })).toEqual({ cancelled: true });
    expect((await finished2).status).toBe('cancelled');
    const empty = await fail('export/start', { projectId: project.projectId, timeline: parseTimeline(project.timeline), aspect: '16:9', resolution: 720 });
    expect(empty.message).toMatch(/nothing to show|empty/);
  });

  it('in the desktop app the default folder is the OS Videos folder (made on first use), elsewhere <data>/exports', async () => {
    const { project, doc } = await projectWithClip();
    await call('editor/save', { projectId: project.projectId, timeline: doc });
    expect((await call<{ folder: string }>('export/defaults', { projectId: project.projectId })).folder).toBe(path.join(dir, 'data', 'exports'));
    backend.close();
    const videos = path.join(dir, 'home', 'Videos');
    backend = createBackend({ dataDir: path.join(dir, 'data'), mediaBaseUrl: '/media/', desktop: { videosFolder: () => videos } as unknown as DesktopHooks });
    expect((await call<{ folder: string }>('export/defaults', { projectId: project.projectId })).folder).toBe(videos);
    const done = new Promise<{ status: string; path: string | null }>((resolve) => {
      const off = backend.on((e, p) => {
        if (e === 'export/finished') {
          off();
          resolve(p as never);
        }
      });
    });
    await call('export/start', { projectId: project.projectId, aspect: '16:9', resolution: 720, draft: true });
    expect(await done).toMatchObject({ status: 'done', path: path.join(videos, 'Süß 🍋 16x9 720p.mp4') });
  });

  it('exports into a chosen folder under a chosen name, never over a file, from the saved timeline when none is sent', async () => {
    const { project, doc } = await projectWithClip();
    await call('editor/save', { projectId: project.projectId, timeline: doc });
    const defaults = await call<{ folder: string; name: string }>('export/defaults', { projectId: project.projectId });
    expect(defaults).toEqual({ folder: path.join(dir, 'data', 'exports'), name: 'Süß 🍋' });
    const waitFinished = (id: string) =>
      new Promise<{ status: string; path: string | null; error: { code: string } | null }>((resolve) => {
        const off = backend.on((e, p) => {
          if (e === 'export/finished' && (p as { exportId: string }).exportId === id) {
            off();
            resolve(p as never);
          }
        });
      });
    // The default folder, sent back as the dialog shows it, is made on first use.
    const inDefault = await call<{ exportId: string }>('export/start', { projectId: project.projectId, aspect: '1:1', resolution: 720, draft: true, folder: defaults.folder, name: defaults.name });
    expect((await waitFinished(inDefault.exportId)).path).toBe(path.join(defaults.folder, 'Süß 🍋 1x1 720p.mp4'));
    const chosen = path.join(dir, 'My videos');
    mkdirSync(chosen);
    writeFileSync(path.join(chosen, 'Spring 9x16 720p.mp4'), 'the user\'s own file');
    // No timeline: the project's current saved one (the Ads page exports the ad as it is now).
    const job = await call<{ exportId: string }>('export/start', { projectId: project.projectId, aspect: '9:16', resolution: 720, draft: true, folder: chosen, name: 'Spring/Summer' });
    const first = await waitFinished(job.exportId);
    expect(first).toMatchObject({ status: 'done', error: null });
    expect(first.path).toBe(path.join(chosen, 'Spring Summer 9x16 720p.mp4'));
    const job2 = await call<{ exportId: string }>('export/start', { projectId: project.projectId, aspect: '9:16', resolution: 720, draft: true, folder: chosen, name: 'Spring' });
    const second = await waitFinished(job2.exportId);
    expect(second.path).toBe(path.join(chosen, 'Spring 9x16 720p 2.mp4'));
    expect(readFileSync(path.join(chosen, 'Spring 9x16 720p.mp4'), 'utf8')).toBe('the user\'s own file');
    // What Zapcut wrote there may be checked; the user's own file beside it may not.
    expect((await backend.dispatch('quality/check', { projectId: project.projectId, source: { kind: 'file', path: second.path! } })).ok).toBe(true);
    const foreign = await fail('quality/check', { projectId: project.projectId, source: { kind: 'file', path: path.join(chosen, 'Spring 9x16 720p.mp4') } });
    expect(foreign.code).toBe('VALIDATION');
    // After a restart (a new backend on the same data folder) what Zapcut wrote there is still its
    // own: it is recorded with the export, not held in memory (issue 19).
    backend.close();
    backend = createBackend({ dataDir: path.join(dir, 'data'), mediaBaseUrl: '/media/' });
    expect((await backend.dispatch('quality/check', { projectId: project.projectId, source: { kind: 'file', path: second.path! } })).ok).toBe(true);
    expect((await fail('quality/check', { projectId: project.projectId, source: { kind: 'file', path: path.join(chosen, 'Spring 9x16 720p.mp4') } })).code).toBe('VALIDATION');
    expect((await fail('export/start', { projectId: project.projectId, aspect: '9:16', resolution: 720, folder: 'relative/folder' })).message).toMatch(/full path/);
    expect((await fail('export/start', { projectId: project.projectId, aspect: '9:16', resolution: 720, folder: path.join(dir, 'missing') })).message).toMatch(/does not exist/);
    const blank = await call<EditorProject>('editor/open', { title: 'Never saved' });
    // A blank project's first version is empty: refused as nothing to show, not exported black.
    expect((await fail('export/start', { projectId: blank.projectId, aspect: '16:9', resolution: 720 })).code).toBe('VALIDATION');
  });
});
