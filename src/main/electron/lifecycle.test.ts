import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { App, BrowserWindow, Dialog } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createLogger } from '../../backend/logging/logger';
import { appLinkFromArgv, chooseProjectFile, installLifecycle, projectFileFromArgv, type FocusableWindow, type LifecycleApp, type OpenDialogLike } from './lifecycle';
import type { TrackedWindow } from './window-state';

describe('projectFileFromArgv', () => {
  const cwd = resolve('/home/ana/ads');
  it.each([
    ['packaged Windows launch', ['C:\\Program Files\\Zapcut\\Zapcut.exe', 'D:\\ads\\Spring.zapcut'], resolve(cwd, 'D:\\ads\\Spring.zapcut')],
    ['relative path, resolved against the launch cwd', ['/opt/Zapcut/zapcut', 'summer/launch.ZAPCUT'], resolve(cwd, 'summer/launch.ZAPCUT')],
    ['development: electron . <file>', ['/x/electron', '.', '--inspect=5858', 'demo.zapcut'], resolve(cwd, 'demo.zapcut')],
    ['Chromium switches appended after the file', ['/opt/Zapcut/zapcut', '/tmp/a b.zapcut', '--allow-file-access-from-files', '--original-process-start-time=1337'], '/tmp/a b.zapcut'],
    ['file:// URI from a Linux desktop entry', ['/opt/Zapcut/zapcut', 'file:///home/ana/My%20Ad.zapcut'], '/home/ana/My Ad.zapcut'],
    ['macOS process serial number', ['/Applications/Zapcut.app/Contents/MacOS/Zapcut', '-psn_0_12345'], null],
    ['no file', ['/opt/Zapcut/zapcut'], null],
    ['other file types are ignored', ['/opt/Zapcut/zapcut', 'clip.mp4', 'notes.zapcut.txt'], null],
    ['a bare extension is not a file', ['/opt/Zapcut/zapcut', '.zapcut'], null],
  ])('%s', (_name, argv, expected) => {
    // the lifecycle drops argv[0] (the executable) before calling this
    expect(projectFileFromArgv(argv.slice(1), cwd)).toBe(expected);
  });
});

class FakeApp extends EventEmitter implements LifecycleApp {
  locked = true;
  lockData: unknown = null;
  quits = 0;
  requestSingleInstanceLock(data?: Record<string, unknown>) {
    this.lockData = data;
    return this.locked;
  }
  quit() {
    this.quits += 1;
    const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', e);
    if (!e.defaultPrevented) this.emit('quit');
  }
  isReady = () => true;
}

class FakeWindow implements FocusableWindow {
  calls: string[] = [];
  minimized = true;
  isDestroyed = () => false;
  isMinimized = () => this.minimized;
  restore = () => void this.calls.push('restore');
  show = () => void this.calls.push('show');
  focus = () => void this.calls.push('focus');
}

const logger = createLogger({ level: 'error' });
const event = () => ({ preventDefault() {} });

describe('zapcut:// links', () => {
  it('finds the link in a launch command line (Windows/Linux pass it as an argument)', () => {
    expect(appLinkFromArgv(['--allow-file-access-from-files', 'zapcut://account?billing=success'])).toBe('zapcut://account?billing=success');
    expect(appLinkFromArgv(['"ZAPCUT://account"'])).toBe('ZAPCUT://account');
    expect(appLinkFromArgv(['https://zapcut.app', 'x.zapcut'])).toBeNull();
  });

  it('registers the scheme; delivers links (launch, second launch, macOS open-url) only once the window is ready, focusing it', () => {
    const app = new (class extends FakeApp {
      registered: string[] = [];
      setAsDefaultProtocolClient(p: string) {
        this.registered.push(p);
        return true;
      }
    })();
    const win = new FakeWindow();
    const links: string[] = [];
    const h = installLifecycle({ app, logger, getMainWindow: () => win, openProject: () => {}, openLink: (u) => links.push(u), argv: ['/opt/zapcut', 'zapcut://account?billing=cancel'], cwd: '/w', killFfmpeg: () => 0, proc: new EventEmitter() });
    expect(app.registered).toEqual(['zapcut']);
    app.emit('open-url', event(), 'zapcut://account?billing=success');
    expect(links).toEqual([]);
    h.windowReady();
    expect(links).toEqual(['zapcut://account?billing=cancel', 'zapcut://account?billing=success']);
    app.emit('second-instance', event(), [], '/w', { argv: ['C:\\Zapcut.exe', 'zapcut://account?billing=portal'], cwd: 'C:\\' });
    app.emit('open-url', event(), 'https://evil.example/');
    expect(links).toEqual(['zapcut://account?billing=cancel', 'zapcut://account?billing=success', 'zapcut://account?billing=portal']);
    expect(win.calls).toContain('focus');
  });
});

describe('installLifecycle', () => {
  it('hands over to the running instance when the lock is taken', () => {
    const app = new FakeApp();
    app.locked = false;
    const opened: string[] = [];
    const h = installLifecycle({ app, logger, getMainWindow: () => null, openProject: (f) => opened.push(f), argv: ['/opt/zapcut', 'x.zapcut'], cwd: '/w', killFfmpeg: () => 0, proc: new EventEmitter() });
    expect(h.primary).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.lockData).toEqual({ argv: ['/opt/zapcut', 'x.zapcut'], cwd: '/w' });
    h.windowReady();
    expect(opened).toEqual([]);
  });

  it('opens the launch file once the window is ready, and second launches focus + open', () => {
    const app = new FakeApp();
    const win = new FakeWindow();
    const opened: string[] = [];
    const h = installLifecycle({ app, logger, getMainWindow: () => win, openProject: (f) => opened.push(f), argv: ['/opt/zapcut', 'first.zapcut'], cwd: '/w', killFfmpeg: () => 0, proc: new EventEmitter() });
    expect(h.primary).toBe(true);
    expect(opened).toEqual([]); // not before the renderer can take it
    h.windowReady();
    expect(opened).toEqual(['/w/first.zapcut']);

    // additionalData from the second instance wins over Chromium's argv
    app.emit('second-instance', event(), ['/opt/zapcut', '--some-switch'], '/elsewhere', { argv: ['/opt/zapcut', 'next.zapcut'], cwd: '/home/ana' });
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    expect(opened).toEqual(['/w/first.zapcut', '/home/ana/next.zapcut']);

    // no usable additionalData → argv + workingDirectory; no file → just focus
    win.minimized = false;
    app.emit('second-instance', event(), ['/opt/zapcut', 'third.zapcut'], '/tmp', 'garbage');
    app.emit('second-instance', event(), ['/opt/zapcut'], '/tmp', undefined);
    expect(opened).toEqual(['/w/first.zapcut', '/home/ana/next.zapcut', '/tmp/third.zapcut']);
    expect(win.calls.filter((c) => c === 'focus')).toHaveLength(3);
  });

  it('macOS open-file before ready is queued, prevented, and only project files are taken', () => {
    const app = new FakeApp();
    const opened: string[] = [];
    const h = installLifecycle({ app, logger, getMainWindow: () => null, openProject: (f) => opened.push(f), argv: ['/Applications/Zapcut.app/Contents/MacOS/Zapcut'], cwd: '/', platform: 'darwin', killFfmpeg: () => 0, proc: new EventEmitter() });
    let prevented = false;
    app.emit('open-file', { preventDefault: () => (prevented = true) }, '/Users/ana/Ad.zapcut');
    app.emit('open-file', event(), '/Users/ana/Ad.zapcut'); // duplicates collapse while queued
    app.emit('open-file', event(), '/Users/ana/photo.png');
    expect(prevented).toBe(true);
    h.windowReady();
    expect(opened).toEqual(['/Users/ana/Ad.zapcut']);
    app.emit('window-all-closed');
    expect(app.quits).toBe(0); // macOS apps stay open without windows
  });

  it('quitting kills FFmpeg, waits for the checkpoint, then really quits', async () => {
    const app = new FakeApp();
    const order: string[] = [];
    let quitEvents = 0;
    app.on('quit', () => quitEvents++);
    let finishCheckpoint!: () => void;
    installLifecycle({
      app, logger, getMainWindow: () => null, openProject: () => {}, argv: ['/opt/zapcut'], cwd: '/', platform: 'linux',
      proc: new EventEmitter(),
      killFfmpeg: () => (order.push('kill ffmpeg'), 2),
      beforeQuit: () => new Promise<void>((r) => { order.push('checkpoint started'); finishCheckpoint = () => { order.push('checkpoint done'); r(); }; }),
    });
    app.emit('window-all-closed'); // → app.quit()
    app.quit(); // a second quit request while cleaning up is absorbed
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['kill ffmpeg', 'checkpoint started']);
    expect(quitEvents).toBe(0);
    finishCheckpoint();
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['kill ffmpeg', 'checkpoint started', 'checkpoint done']);
    expect(quitEvents).toBe(1);
    expect(app.quits).toBe(3);
  });

  it('SIGTERM / SIGINT quit through the same cleanup (not on Windows)', async () => {
    const app = new FakeApp();
    const proc = new EventEmitter();
    let killed = 0;
    let quitEvents = 0;
    app.on('quit', () => quitEvents++);
    installLifecycle({ app, logger, getMainWindow: () => null, openProject: () => {}, argv: ['/z'], cwd: '/', platform: 'linux', proc, killFfmpeg: () => ++killed });
    proc.emit('SIGTERM');
    await new Promise((r) => setImmediate(r));
    expect(killed).toBe(1);
    expect(quitEvents).toBe(1);
    const winProc = new EventEmitter();
    installLifecycle({ app: new FakeApp(), logger, getMainWindow: () => null, openProject: () => {}, argv: ['/z'], cwd: '/', platform: 'win32', proc: winProc, killFfmpeg: () => 0 });
    expect(winProc.listenerCount('SIGTERM')).toBe(0);
  });

  it('a stuck or failing cleanup never blocks quitting', async () => {
    const app = new FakeApp();
    let quitEvents = 0;
    app.on('quit', () => quitEvents++);
    installLifecycle({ app, logger, getMainWindow: () => null, openProject: () => {}, argv: ['/z'], cwd: '/', proc: new EventEmitter(), killFfmpeg: () => { throw new Error('ps failed'); }, beforeQuit: () => new Promise(() => {}), quitTimeoutMs: 20 });
    app.quit();
    await new Promise((r) => setTimeout(r, 60));
    expect(quitEvents).toBe(1);
  });
});

describe('chooseProjectFile', () => {
  it('asks for .zapcut files and returns the choice or null', async () => {
    let asked: unknown;
    const dialog = (result: { canceled: boolean; filePaths: string[] }): OpenDialogLike => ({ showOpenDialog: async (o) => ((asked = o), result) });
    expect(await chooseProjectFile(dialog({ canceled: false, filePaths: ['/a/b.zapcut'] }))).toBe('/a/b.zapcut');
    expect(asked).toEqual({ properties: ['openFile'], filters: [{ name: 'Zapcut project', extensions: ['zapcut'] }] });
    expect(await chooseProjectFile(dialog({ canceled: true, filePaths: [] }))).toBeNull();
  });
});

describe('Electron objects fit the structural types (compile-time)', () => {
  it('App, BrowserWindow and Dialog are accepted where the modules expect them', () => {
    expectTypeOf<App>().toExtend<LifecycleApp>();
    expectTypeOf<BrowserWindow>().toExtend<FocusableWindow>();
    expectTypeOf<BrowserWindow>().toExtend<TrackedWindow>();
    expectTypeOf<Dialog>().toExtend<OpenDialogLike>();
  });
});
