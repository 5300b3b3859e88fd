import { create } from 'zustand';

/** Timecode `mm:ss:ff` at the project fps (the frames view, for those who think in frames). */
export function timecode(frame: number, fps: number): string {
  const f = Math.max(0, Math.round(frame));
  const s = Math.floor(f / fps);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 60))}:${pad(s % 60)}:${pad(f % fps)}`;
}

export const seconds = (frames: number, fps: number) => (frames / fps).toFixed(2);

/** A moment as `m:ss.s` (issue 19 #13: the editor speaks seconds unless frames are asked for). */
export function clock(frame: number, fps: number): string {
  const tenths = Math.round((Math.max(0, frame) / fps) * 10);
  const m = Math.floor(tenths / 600);
  const rest = tenths % 600;
  return `${m}:${String(Math.floor(rest / 10)).padStart(2, '0')}.${rest % 10}`;
}

/** A length in seconds with one decimal, two when it is under a tenth's precision ("0.5", "3.0", "0.03"). */
export function secondsText(frames: number, fps: number): string {
  const two = (frames / fps).toFixed(2);
  return two.endsWith('0') ? two.slice(0, -1) : two;
}

/** "m:ss.s → frames": accepts `1:02.5`, `62.5`, `62.5s` as seconds and `90f` as frames; null if unreadable. */
export function parseTime(text: string, fps: number, unit: TimeUnit): number | null {
  const v = text.trim().toLowerCase();
  const frames = /^(\d+)\s*f$/.exec(v);
  if (frames) return Number(frames[1]);
  const mss = /^(\d+):(\d{1,2}(?:\.\d+)?)$/.exec(v);
  if (mss) return Math.round((Number(mss[1]) * 60 + Number(mss[2])) * fps);
  const num = /^(\d+(?:\.\d+)?)\s*(s)?$/.exec(v);
  if (!num) return null;
  return unit === 'frames' && !num[2] ? Math.round(Number(num[1])) : Math.round(Number(num[1]) * fps);
}

export type TimeUnit = 'seconds' | 'frames';
const UNIT_KEY = 'zapcut.editor.timeUnit';

function storedUnit(): TimeUnit {
  try {
    return globalThis.localStorage?.getItem(UNIT_KEY) === 'frames' ? 'frames' : 'seconds';
  } catch {
    return 'seconds';
  }
}

/** Seconds by default; frames on demand (the transport's "Frames" toggle), remembered on this machine. */
export const useTimeUnit = create<{ unit: TimeUnit; toggle(): void }>((set, get) => ({
  unit: storedUnit(),
  toggle() {
    const unit: TimeUnit = get().unit === 'seconds' ? 'frames' : 'seconds';
    try {
      globalThis.localStorage?.setItem(UNIT_KEY, unit);
    } catch {
      // A browser without storage still toggles for this session.
    }
    set({ unit });
  },
}));
