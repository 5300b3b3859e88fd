import { afterEach, describe, expect, it } from 'vitest';
import { RendererErrorReport } from '../../../../shared/domain';
import { useNavigation } from '../../stores/navigation';
import { useCrash } from './crash-store';
import { runMenuCommand } from './DesktopBridge';
import { describeError, installErrorReporting } from './error-reporting';

const g = globalThis as { zapcut?: unknown };
afterEach(() => {
  delete g.zapcut;
  useCrash.getState().dismiss();
});

/** A bridge that answers like the backend: the real schema validates each report. */
function installBridge() {
  const reports: unknown[] = [];
  g.zapcut = {
    invoke: async (channel: string, input: unknown) => {
      if (channel !== 'app/reportError') return { ok: false, error: { code: 'UNSUPPORTED', message: 'no desktop' } };
      const parsed = RendererErrorReport.safeParse(input);
      if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: parsed.error.message } };
      reports.push(parsed.data);
      return { ok: true, value: { logged: true } };
    },
    on: () => () => {},
  };
  return reports;
}

/** Node has no ErrorEvent / PromiseRejectionEvent; these carry the same fields the listeners read. */
function fire(target: EventTarget, type: string, fields: Record<string, unknown>) {
  target.dispatchEvent(Object.assign(new Event(type), fields));
}

describe('renderer error reporting', () => {
  it('reports window errors and rejections within the schema limits and shows the notice', async () => {
    const reports = installBridge();
    const target = new EventTarget();
    const off = installErrorReporting(target as unknown as Window);
    const big = new Error('x'.repeat(5000));
    big.stack = 'at y\n'.repeat(10_000);
    fire(target, 'error', { message: big.message, error: big });
    fire(target, 'unhandledrejection', { reason: { code: 'IO', detail: 'disk full' } });
    fire(target, 'error', { message: 'ResizeObserver loop completed with undelivered notifications.', error: null });
    await new Promise((r) => setTimeout(r, 0));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/^Error: x+$/) });
    expect((reports[0] as { message: string }).message).toHaveLength(2000);
    expect((reports[0] as { stack: string }).stack).toHaveLength(20_000);
    expect(reports[1]).toEqual({ kind: 'unhandledrejection', message: '{"code":"IO","detail":"disk full"}' });
    expect(useCrash.getState().notice?.source).toBe('renderer');
    off();
    useCrash.getState().dismiss();
    fire(target, 'error', { message: 'after off', error: new Error('after off') });
    expect(useCrash.getState().notice).toBeNull();
  });

  it('keeps the React component stack of a render error', () => {
    expect(describeError('render', new TypeError('bad prop'), '\n    in Timeline\n    in EditorScreen')).toMatchObject({
      kind: 'render',
      message: 'TypeError: bad prop',
      componentStack: '\n    in Timeline\n    in EditorScreen',
    });
  });

  it('never throws when there is no bridge, and still shows the notice', () => {
    const target = new EventTarget();
    const off = installErrorReporting(target as unknown as Window);
    expect(() => fire(target, 'error', { message: 'boom', error: new Error('boom') })).not.toThrow();
    expect(useCrash.getState().notice).not.toBeNull();
    off();
  });

  it('"Open logs folder" keeps the backend error code for the notice', async () => {
    installBridge();
    await useCrash.getState().openLogs();
    expect(useCrash.getState().openLogsError).toMatchObject({ code: 'UNSUPPORTED' });
  });
});

describe('menu commands', () => {
  it('navigate to Ads, the Editor and Settings', () => {
    runMenuCommand('project/new');
    expect(useNavigation.getState().screen).toBe('ads');
    runMenuCommand('project/export');
    expect(useNavigation.getState().screen).toBe('editor');
    runMenuCommand('app/settings');
    expect(useNavigation.getState().screen).toBe('settings');
    runMenuCommand('app/openLogsFolder'); // main handles this one itself
    expect(useNavigation.getState().screen).toBe('settings');
  });
});
