import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, readWindowState, trackWindowState, windowPlacement, type Rect, type WindowState } from './window-state';

const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } }; // macOS menu bar at the top
const external = { workArea: { x: 1440, y: -200, width: 2560, height: 1400 } };
const state = (bounds: Rect, isMaximized = false, isFullScreen = false): WindowState => ({ bounds, isMaximized, isFullScreen });

describe('windowPlacement', () => {
  it('opens centred at the default size the first time', () => {
    expect(windowPlacement(null, [laptop])).toEqual({ options: { width: 1280, height: 800, minWidth: 960, minHeight: 600 }, maximize: false, fullScreen: false });
  });

  it('restores bounds that fit, plus maximized / full-screen flags', () => {
    const p = windowPlacement(state({ x: 1600, y: 0, width: 1800, height: 1000 }, true), [laptop, external]);
    expect(p.options).toEqual({ x: 1600, y: 0, width: 1800, height: 1000, minWidth: 960, minHeight: 600 });
    expect(p.maximize).toBe(true);
  });

  it('centres the window on the primary display when its monitor is gone', () => {
    const p = windowPlacement(state({ x: 2000, y: 100, width: 2400, height: 1300 }, false, true), [laptop]);
    expect(p.options).toEqual({ width: 1440, height: 875, minWidth: 960, minHeight: 600 });
    expect(p.fullScreen).toBe(true);
  });

  it('pulls a window hanging off an edge back so the title bar is reachable', () => {
    // dragged up under the menu bar and half off the right edge of the laptop
    const p = windowPlacement(state({ x: 900, y: -300, width: 1000, height: 700 }), [laptop]);
    expect(p.options).toMatchObject({ x: 440, y: 25, width: 1000, height: 700 });
  });

  it('moves to the display it overlaps most and shrinks to fit it', () => {
    const p = windowPlacement(state({ x: 1300, y: 50, width: 3000, height: 1600 }), [laptop, external]);
    expect(p.options).toMatchObject({ x: 1440, y: -200, width: 2560, height: 1400 });
  });

  it('never goes below the minimum size unless the screen itself is smaller', () => {
    expect(windowPlacement(state({ x: 10, y: 30, width: 200, height: 100 }), [laptop]).options).toMatchObject({ width: DEFAULT_WINDOW.minWidth, height: DEFAULT_WINDOW.minHeight });
    const tiny = { workArea: { x: 0, y: 0, width: 800, height: 500 } };
    expect(windowPlacement(state({ x: 0, y: 0, width: 1200, height: 900 }), [tiny]).options).toMatchObject({ x: 0, y: 0, width: 800, height: 500 });
  });
});

class FakeWindow extends EventEmitter {
  bounds: Rect = { x: 10, y: 40, width: 1000, height: 700 };
  maximized = false;
  destroyed = false;
  getNormalBounds = () => this.bounds;
  isMaximized = () => this.maximized;
  isFullScreen = () => false;
  isDestroyed = () => this.destroyed;
}

describe('trackWindowState', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'zapcut-win-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('debounces moves, saves on close, and reads back what it wrote', () => {
    const file = join(dir, 'state', 'window-state.json');
    const pending: Array<() => void> = [];
    const win = new FakeWindow();
    trackWindowState(win, file, { timers: { setTimeout: (fn) => pending.push(fn), clearTimeout: () => pending.splice(0) } });
    win.emit('move');
    win.bounds = { x: 50, y: 60, width: 1100, height: 720 };
    win.emit('resize');
    expect(existsSync(file)).toBe(false);
    expect(pending).toHaveLength(1);
    pending[0]!();
    expect(readWindowState(file)).toEqual(state({ x: 50, y: 60, width: 1100, height: 720 }));

    win.maximized = true;
    win.emit('close');
    expect(readWindowState(file)).toEqual(state({ x: 50, y: 60, width: 1100, height: 720 }, true));
    expect(readdirSync(join(dir, 'state'))).toEqual(['window-state.json']); // no temp files left
  });

  it('treats a missing or corrupt file as no saved state', () => {
    const file = join(dir, 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, '{"bounds":{"x":1}');
    expect(readWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 10 }, isMaximized: false, isFullScreen: false }));
    expect(readWindowState(file)).toBeNull();
    expect(readFileSync(file, 'utf8')).toContain('-5');
  });
});
