/**
 * Remembers the main window's size and position across launches, and never restores it somewhere
 * the user cannot reach (an unplugged monitor, a smaller laptop screen). The placement rules are a
 * pure function over the saved state and the current displays; the file I/O is atomic; the
 * BrowserWindow and screen are passed in (types only from 'electron'), so all of it runs in tests.
 *
 * Wiring in src/main/electron/window.ts:
 *   const file = join(dataDir, 'window-state.json');
 *   const place = windowPlacement(readWindowState(file), screen.getAllDisplays());
 *   const win = new BrowserWindow({ ...place.options, …the rest });
 *   if (place.maximize) win.maximize();
 *   if (place.fullScreen) win.setFullScreen(true);
 *   trackWindowState(win, file);
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const RectSchema = z.object({ x: z.number().finite(), y: z.number().finite(), width: z.number().finite().positive(), height: z.number().finite().positive() });
export const WindowState = z.object({ bounds: RectSchema, isMaximized: z.boolean(), isFullScreen: z.boolean() });
export type WindowState = z.infer<typeof WindowState>;

export interface WindowDefaults {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}
export const DEFAULT_WINDOW: WindowDefaults = { width: 1280, height: 800, minWidth: 960, minHeight: 600 };

export interface WindowPlacement {
  /** Spread into the BrowserWindow constructor; no x/y means "let the OS centre it". */
  options: { x?: number; y?: number; width: number; height: number; minWidth: number; minHeight: number };
  maximize: boolean;
  fullScreen: boolean;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/**
 * Where to open the window. The saved bounds are kept when they fit; otherwise the window moves
 * onto the display it overlaps most (shrunk to that display's work area if needed) so its title
 * bar is always reachable; a window on no current display opens centred at default size.
 * `displays[0]` is treated as the primary display (pass screen.getPrimaryDisplay() first).
 */
export function windowPlacement(saved: WindowState | null, displays: ReadonlyArray<{ workArea: Rect }>, defaults: WindowDefaults = DEFAULT_WINDOW): WindowPlacement {
  const { minWidth, minHeight } = defaults;
  const primary = displays[0]?.workArea;
  const centred = (width: number, height: number, area: Rect | undefined): WindowPlacement => ({
    options: {
      width: Math.round(area ? clamp(width, Math.min(minWidth, area.width), area.width) : width),
      height: Math.round(area ? clamp(height, Math.min(minHeight, area.height), area.height) : height),
      minWidth,
      minHeight,
    },
    maximize: false,
    fullScreen: false,
  });

  if (!saved) return centred(defaults.width, defaults.height, primary);
  const flags = { maximize: saved.isMaximized, fullScreen: saved.isFullScreen };

  let best: Rect | undefined;
  let bestArea = 0;
  for (const d of displays) {
    const area = overlapArea(saved.bounds, d.workArea);
    if (area > bestArea) [best, bestArea] = [d.workArea, area];
  }
  if (!best) return { ...centred(saved.bounds.width, saved.bounds.height, primary), ...flags };

  const width = clamp(saved.bounds.width, Math.min(minWidth, best.width), best.width);
  const height = clamp(saved.bounds.height, Math.min(minHeight, best.height), best.height);
  const x = clamp(saved.bounds.x, best.x, best.x + best.width - width);
  const y = clamp(saved.bounds.y, best.y, best.y + best.height - height);
  return { options: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), minWidth, minHeight }, ...flags };
}

/** The saved state, or null when there is none or it is unreadable (a fresh placement is fine). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Atomic: temp file in the same folder, then rename. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

/** The BrowserWindow methods used (structural, so tests use a fake). */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'enter-full-screen' | 'leave-full-screen' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  isDestroyed(): boolean;
}

/**
 * Saves the window's state 500 ms after it stops moving/resizing, and once more on close.
 * Normal (un-maximized) bounds are saved so un-maximizing after a restart restores the old size.
 */
export function trackWindowState(
  win: TrackedWindow,
  file: string,
  opts: { debounceMs?: number; onError?: (err: unknown) => void; timers?: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (h: unknown) => void } } = {},
): { flush: () => void } {
  const debounceMs = opts.debounceMs ?? 500;
  const timers = opts.timers ?? { setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
  let timer: unknown = null;
  const flush = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    try {
      writeWindowState(file, { bounds: win.getNormalBounds(), isMaximized: win.isMaximized(), isFullScreen: win.isFullScreen() });
    } catch (err) {
      opts.onError?.(err);
    }
  };
  const later = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(flush, debounceMs);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) win.on(e, later);
  win.on('close', flush);
  return { flush };
}
