import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installCrashHandlers, type ProcessLike, type UnexpectedError } from './crash-handlers';
import { createLogger, type Logger } from './logger';
import type { RotatingFile } from './rotating-file';

function memoryLogger(lines: string[]): Logger {
  // Only write() is used by the logger; a real RotatingFile is covered in logger.test.ts.
  const file = { write: (l: string) => void lines.push(l) } as unknown as RotatingFile;
  return createLogger({ file, level: 'debug' });
}

describe('installCrashHandlers', () => {
  it('logs uncaught exceptions and rejections with stack, notifies once per message, and uninstalls', () => {
    const proc = new EventEmitter();
    const lines: string[] = [];
    const shown: UnexpectedError[] = [];
    let now = 0;
    const handlers = installCrashHandlers({ proc: proc as unknown as ProcessLike, logger: memoryLogger(lines), notify: (e) => shown.push(e), logFile: '/data/logs/zapcut.log', clock: () => now });

    proc.emit('uncaughtException', new Error('boom with token=abcdef123'));
    proc.emit('uncaughtException', new Error('boom with token=abcdef123'));
    now = 11_000;
    proc.emit('uncaughtException', new Error('boom with token=abcdef123'));
    proc.emit('unhandledRejection', 'plain string reason');

    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('ERROR [crash] unexpected error in main: boom with token=[redacted]');
    expect(lines[0]).toContain('"stack":"Error: boom');
    expect(lines.join('')).not.toContain('abcdef123');
    expect(shown).toEqual([
      { code: 'INTERNAL', message: 'boom with token=[redacted]', logFile: '/data/logs/zapcut.log', source: 'main' },
      { code: 'INTERNAL', message: 'boom with token=[redacted]', logFile: '/data/logs/zapcut.log', source: 'main' },
      { code: 'INTERNAL', message: 'plain string reason', logFile: '/data/logs/zapcut.log', source: 'main' },
    ]);

    handlers.report(new Error('renderer blew up'), 'renderer');
    expect(shown.at(-1)?.source).toBe('renderer');

    handlers.uninstall();
    expect(proc.listenerCount('uncaughtException')).toBe(0);
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
  });

  it('keeps going when notify itself throws', () => {
    const proc = new EventEmitter();
    const lines: string[] = [];
    installCrashHandlers({ proc: proc as unknown as ProcessLike, logger: memoryLogger(lines), notify: () => { throw new Error('no window'); } });
    expect(() => proc.emit('uncaughtException', new Error('x'))).not.toThrow();
    expect(lines[1]).toContain('could not show the unexpected-error message');
  });
});
