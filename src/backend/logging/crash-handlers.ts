import type { UnexpectedError } from '../../shared/domain/desktop';
import type { Logger } from './logger';
import { redactText } from './redact';

export type { UnexpectedError };

/** The slice of `process` the handlers need (a fake EventEmitter in tests). */
export interface ProcessLike {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface CrashHandlerOptions {
  logger: Logger;
  /** Show a friendly message (main wires this to a push event, or a dialog if no window). */
  notify: (error: UnexpectedError) => void;
  logFile?: string | null;
  proc?: ProcessLike;
  /** The same message within this window is logged but shown only once. */
  dedupeMs?: number;
  clock?: () => number;
}

/**
 * Logs every uncaught exception and unhandled rejection in the main process and tells the user
 * once, in plain words, instead of Electron's default crash dialog. The process keeps running:
 * project data lives in SQLite transactions, so an interrupted operation does not corrupt it, and
 * quitting would throw away the user's unsaved editor state. Returns an uninstall function.
 */
export function installCrashHandlers(opts: CrashHandlerOptions): { report: (reason: unknown, source: UnexpectedError['source']) => void; uninstall: () => void } {
  const proc = opts.proc ?? process;
  const clock = opts.clock ?? Date.now;
  const dedupeMs = opts.dedupeMs ?? 10_000;
  const lastShown = new Map<string, number>();
  const log = opts.logger.child('crash');

  const report = (reason: unknown, source: UnexpectedError['source']): void => {
    const message = reason instanceof Error ? reason.message : String(reason);
    log.error(`unexpected error in ${source}: ${message}`, reason);
    const key = `${source}:${message}`;
    const now = clock();
    const last = lastShown.get(key);
    if (last !== undefined && now - last < dedupeMs) return;
    lastShown.set(key, now);
    try {
      opts.notify({ code: 'INTERNAL', message: redactMessage(message), logFile: opts.logFile ?? null, source });
    } catch (err) {
      log.error('could not show the unexpected-error message', err);
    }
  };
  const onException = (reason: unknown): void => report(reason, 'main');
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onException);
  return {
    report,
    uninstall: () => {
      proc.off('uncaughtException', onException);
      proc.off('unhandledRejection', onException);
    },
  };
}

function redactMessage(message: string): string {
  return redactText(message).slice(0, 500);
}
