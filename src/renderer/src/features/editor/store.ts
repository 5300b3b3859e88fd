/**
 * Editor state: the document's undo history (shared commands), the compiled preview plan, the
 * media of the project, selection, playhead and zoom. Every edit goes through `exec`, which runs
 * a shared command (refusals land in `notice`, never throw) and schedules an autosave.
 */
import { create } from 'zustand';
import type { EditorMedia, MediaInfo } from '../../../../shared/domain/editor';
import { compile, parseTimeline, specKey, type Plan, type TextRaster, type TextSpec, type Timeline } from '../../../../shared/timeline';
import {
  applyCommand,
  beginGesture,
  cancelGesture,
  createHistory,
  endGesture,
  record,
  redo,
  undo,
  type CommandContext,
  type EditCommand,
  type HistoryState,
} from '../../../../shared/timeline/commands';
import type { AdRevisionResult } from '../../../../shared/domain/revise';
import type { AppErrorShape } from '../../../../shared/errors';
import type { TimelineIssue } from '../../../../shared/timeline/issues';
import { api, toAppError } from '../../api/client';
import { useToasts } from '../../stores/toasts';

/** Preview plan size: 360p keeps decoding and drawing cheap; geometry scales exactly. */
export const PREVIEW_SHORT_SIDE = 360;
const AUTOSAVE_MS = 700;

export type SaveState =
  | { state: 'saved' | 'dirty' | 'saving'; at: string | null }
  | { state: 'error'; error: AppErrorShape }
  /** Another writer (a revision from the chat or the Ads page, scenes made again) saved version `newest` after this document's base: nothing is saved until the creator reloads or keeps theirs. */
  | { state: 'conflict'; newest: number };

export interface EditorState {
  status: 'empty' | 'loading' | 'ready' | 'error';
  loadError: AppErrorShape | null;
  projectId: string | null;
  title: string;
  recovered: { badVersion: number; reason: string } | null;
  history: HistoryState<Timeline>;
  plan: Plan | null;
  media: Record<string, EditorMedia>;
  info: Record<string, MediaInfo>;
  selection: string | null;
  /** Every selected item (Shift/Ctrl-click or Shift+Enter adds one); `selection` is the last picked. */
  selected: string[];
  playhead: number;
  playing: boolean;
  /** Shuttle speed for J/K/L (negative = backwards). */
  rate: number;
  pxPerFrame: number;
  inPoint: number | null;
  outPoint: number | null;
  /** Audio tracks soloed in the preview (monitoring only, like any NLE: not saved, not exported). */
  solo: string[];
  snapping: boolean;
  /** Why the last edit was refused (shown in the status bar). */
  /** A refused edit: the commands' English reason, or the timeline check's problem as data (worded by `issueText`). */
  notice: { text: string; at: number; issue?: TimelineIssue } | null;
  save: SaveState;

  open(projectId?: string): Promise<void>;
  exec(cmd: EditCommand): boolean;
  begin(): void;
  end(): void;
  cancel(): void;
  undo(): void;
  redo(): void;
  select(id: string | null): void;
  /** Sets the whole selection; `last` becomes the one the Inspector and S act on. */
  selectMany(ids: string[], last: string): void;
  /** Adds the item to the selection, or takes it out (multi-select). */
  toggleSelect(id: string): void;
  seek(frame: number): void;
  setPlaying(playing: boolean, rate?: number): void;
  zoom(factor: number): void;
  setMark(which: 'in' | 'out', frame: number | null): void;
  toggleSolo(trackId: string): void;
  toggleSnapping(): void;
  addMedia(items: EditorMedia[]): void;
  loadInfo(sha256: string): void;
  flushSave(): Promise<void>;
  /** After a conflict: save this document over the other change (it stays in the versions list). */
  keepMine(): Promise<void>;
  /**
   * A finished ad's spoken line changed from the editor (issue 19 #4): spoken again by the ad's
   * voice, captions retimed, applied as one undo step. Null when it failed (a toast says why).
   */
  respeakLine(scene: number, line: string): Promise<AdRevisionResult | null>;
}

const emptyDoc = (): Timeline => parseTimeline({ schema: 'zapcut.timeline', version: 1 });

/**
 * Text pictures from the backend's text engine (the same PNGs the export overlays), by spec key.
 * A plan compiled before its pictures arrive shows no text for a moment; `requestText` fetches
 * what is missing and recompiles.
 */
const textRasters = new Map<string, TextRaster>();
const textPending = new Set<string>();

function planOf(doc: Timeline): Plan | null {
  try {
    return compile(doc, { shortSide: PREVIEW_SHORT_SIDE, assumeParsed: true, text: (spec) => textRasters.get(specKey(spec)) });
  } catch {
    return null; // an empty timeline has nothing to preview
  }
}

/** Specs of the plan's text layers that have no picture yet (and are not being fetched). */
function missingText(plan: Plan | null): TextSpec[] {
  const out = new Map<string, TextSpec>();
  for (const l of plan?.layers ?? []) {
    if (l.kind !== 'text' || l.raster) continue;
    const k = specKey(l.spec);
    if (!textPending.has(k)) out.set(k, l.spec);
  }
  return [...out.values()];
}

/** The project open last, reopened when the editor starts (after a quit or a crash). */
export const LAST_PROJECT_KEY = 'zapcut.editor.lastProject';
export function rememberedProject(): string | null {
  try {
    return localStorage.getItem(LAST_PROJECT_KEY);
  } catch {
    return null;
  }
}
function rememberProject(id: string | null) {
  try {
    if (id) localStorage.setItem(LAST_PROJECT_KEY, id);
    else localStorage.removeItem(LAST_PROJECT_KEY);
  } catch {
    // storage unavailable: the editor just starts empty next time
  }
}

let saveTimer: ReturnType<typeof setTimeout> | null = null;
let savedDoc: Timeline | null = null;
/** The stored version the editor's document grew from (sent with each save, so a newer one saved elsewhere is never silently undone). */
let savedVersion: number | undefined;
const infoRequested = new Set<string>();

export const useEditor = create<EditorState>((set, get) => {
  const context = (): CommandContext => ({
    mediaFrames: (id) => {
      const m = get().media[id];
      const fps = get().history.present.fps;
      return m?.durationS ? Math.floor(m.durationS * fps + 1e-6) : undefined;
    },
  });

  const requestText = (plan: Plan | null) => {
    const specs = missingText(plan);
    if (!specs.length) return;
    const keys = specs.map(specKey);
    for (const k of keys) textPending.add(k);
    void (async () => {
      try {
        for (let i = 0; i < specs.length; i += 500) {
          const views = await api.editor.textRasters({ specs: specs.slice(i, i + 500) });
          for (const v of views) textRasters.set(v.key, { key: v.key, src: v.url, width: v.width, height: v.height, fontSize: v.fontSize, lines: v.lines, truncated: v.truncated });
        }
      } catch (err) {
        useToasts.getState().error(toAppError(err));
      } finally {
        for (const k of keys) textPending.delete(k);
      }
      const doc = get().history.present;
      const next = planOf(doc);
      set({ plan: next });
    })();
  };
  const setPlan = (doc: Timeline): Plan | null => {
    const plan = planOf(doc);
    requestText(plan);
    return plan;
  };

  const afterChange = (prev: HistoryState<Timeline>, next: HistoryState<Timeline>) => {
    if (prev.present === next.present) return;
    set({ plan: setPlan(next.present), save: { state: 'dirty', at: null } });
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void get().flushSave(), AUTOSAVE_MS);
  };

  return {
    status: 'empty',
    loadError: null,
    projectId: null,
    title: '',
    recovered: null,
    history: createHistory(emptyDoc()),
    plan: null,
    media: {},
    info: {},
    selection: null,
    selected: [],
    playhead: 0,
    playing: false,
    rate: 1,
    pxPerFrame: 4,
    inPoint: null,
    outPoint: null,
    solo: [],
    snapping: true,
    notice: null,
    save: { state: 'saved', at: null },

    async open(projectId) {
      await get().flushSave();
      set({ status: 'loading', loadError: null, selection: null, selected: [], playhead: 0, playing: false, inPoint: null, outPoint: null, solo: [] });
      try {
        const p = await api.editor.open(projectId ? { projectId } : {});
        const doc = parseTimeline(p.timeline);
        rememberProject(p.projectId);
        savedDoc = doc;
        // The base is the newest stored version, even when it could not be read and an older one was opened.
        savedVersion = Math.max(p.version, p.recovered?.badVersion ?? 0);
        set({
          status: 'ready',
          projectId: p.projectId,
          title: p.title,
          recovered: p.recovered,
          history: createHistory(doc),
          plan: setPlan(doc),
          media: Object.fromEntries(p.media.map((m) => [m.mediaId, m])),
          save: { state: 'saved', at: null },
        });
        for (const m of p.media) if (m.sha256 && m.online) get().loadInfo(m.sha256);
      } catch (err) {
        const e = toAppError(err);
        if (e.code === 'NOT_FOUND') rememberProject(null);
        set({ status: 'error', loadError: e });
      }
    },

    exec(cmd) {
      const prev = get().history;
      const { history, result } = record(prev, (d) => applyCommand(d, cmd, context()));
      if (!result.ok) {
        set({ notice: { text: result.reason, at: Date.now(), ...(result.issue ? { issue: result.issue } : {}) } });
        return false;
      }
      set({ history, notice: null });
      afterChange(prev, history);
      return true;
    },
    begin: () => set({ history: beginGesture(get().history) }),
    end: () => set({ history: endGesture(get().history) }),
    cancel() {
      const prev = get().history;
      const history = cancelGesture(prev);
      set({ history });
      afterChange(prev, history);
    },
    undo() {
      const prev = get().history;
      const history = undo(prev);
      set({ history, notice: null });
      afterChange(prev, history);
    },
    redo() {
      const prev = get().history;
      const history = redo(prev);
      set({ history, notice: null });
      afterChange(prev, history);
    },
    async respeakLine(scene, line) {
      const projectId = get().projectId;
      if (!projectId) return null;
      try {
        const r = await api.ads.revise({ projectId, changes: [{ op: 'set_line', scene, line }], timeline: get().history.present });
        get().addMedia(r.media);
        const doc = parseTimeline(r.timeline);
        const prev = get().history;
        const { history } = record(prev, () => ({ ok: true, doc }));
        set({ history, notice: null });
        afterChange(prev, history);
        return r;
      } catch (err) {
        useToasts.getState().error(toAppError(err));
        return null;
      }
    },
    select: (selection) => set({ selection, selected: selection ? [selection] : [] }),
    selectMany: (ids, last) => set({ selected: ids, selection: ids.includes(last) ? last : (ids[ids.length - 1] ?? null) }),
    toggleSelect(id) {
      const was = get().selected;
      const selected = was.includes(id) ? was.filter((x) => x !== id) : [...was, id];
      set({ selected, selection: selected.includes(id) ? id : (selected[selected.length - 1] ?? null) });
    },
    seek(frame) {
      const total = get().plan?.totalFrames ?? 0;
      set({ playhead: Math.max(0, Math.min(Math.max(0, total - 1), Math.round(frame))) });
    },
    setPlaying: (playing, rate = 1) => set({ playing, rate: playing ? rate : 1 }),
    zoom: (factor) => set({ pxPerFrame: Math.max(0.25, Math.min(40, get().pxPerFrame * factor)) }),
    setMark: (which, frame) => set(which === 'in' ? { inPoint: frame } : { outPoint: frame }),
    toggleSolo: (trackId) => set({ solo: get().solo.includes(trackId) ? get().solo.filter((t) => t !== trackId) : [...get().solo, trackId] }),
    toggleSnapping: () => set({ snapping: !get().snapping }),
    addMedia(items) {
      set({ media: { ...get().media, ...Object.fromEntries(items.map((m) => [m.mediaId, m])) } });
      for (const m of items) if (m.sha256) get().loadInfo(m.sha256);
    },
    loadInfo(sha256) {
      if (infoRequested.has(sha256)) return;
      infoRequested.add(sha256);
      api.editor
        .mediaInfo(sha256)
        .then((info) => set({ info: { ...get().info, [sha256]: info } }))
        .catch(() => infoRequested.delete(sha256));
    },
    async flushSave() {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      const { projectId, history } = get();
      const doc = history.present;
      if (!projectId) return;
      // Changed elsewhere: keep the creator's document in memory until they reload or keep theirs.
      if (get().save.state === 'conflict') return;
      if (doc === savedDoc) {
        // Undo/redo back to what is already stored: nothing to write.
        if (get().save.state === 'dirty') set({ save: { state: 'saved', at: null } });
        return;
      }
      set({ save: { state: 'saving', at: null } });
      try {
        const r = await api.editor.save({ projectId, timeline: doc, ...(savedVersion === undefined ? {} : { baseVersion: savedVersion }) });
        savedDoc = doc;
        savedVersion = r.version;
        if (get().history.present === doc) set({ save: { state: 'saved', at: r.savedAt } });
      } catch (err) {
        const e = toAppError(err);
        const newest = e.code === 'CONFLICT' ? (e.details as { newest?: unknown } | undefined)?.newest : undefined;
        if (typeof newest === 'number') {
          set({ save: { state: 'conflict', newest } });
          return;
        }
        set({ save: { state: 'error', error: e } });
        useToasts.getState().error(e);
      }
    },
    async keepMine() {
      const s = get().save;
      if (s.state !== 'conflict') return;
      savedVersion = s.newest;
      set({ save: { state: 'dirty', at: null } });
      await get().flushSave();
    },
  };
});

/** Opens a project in the editor (the Ads screen calls this with a generated ad's id). */
export function editorDocument(): Timeline {
  return useEditor.getState().history.present;
}
