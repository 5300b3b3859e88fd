import { redactText, redactValue } from './redact';
import { type RotatingFile } from './rotating-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * The logger every main-process module takes. Its shape also satisfies electron-updater's
 * `Logger` (info/warn/error/debug with one message argument), so it can be assigned to
 * `autoUpdater.logger` directly.
 */
export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** A logger that prefixes its lines with `[scope]`, e.g. `log.child('updater')`. */
  child(scope: string): Logger;
}

export interface LoggerOptions {
  /** Where lines go; omit for console-only (tests, CLI). */
  file?: RotatingFile;
  level?: LogLevel;
  /** Mirror lines to stderr (development). */
  console?: boolean;
  clock?: () => Date;
}

/** One line: `2026-11-21T20:33:00.000Z INFO  [scope] message {"detail":…}` — redacted. */
export function formatLine(time: Date, level: LogLevel, scope: string | null, message: string, detail?: unknown): string {
  const head = `${time.toISOString()} ${level.toUpperCase().padEnd(5)} ${scope ? `[${scope}] ` : ''}${redactText(message)}`;
  if (detail === undefined) return `${head}\n`;
  let body: string;
  try {
    body = JSON.stringify(redactValue(detail));
  } catch {
    body = '"[unserialisable detail]"';
  }
  return `${head} ${body}\n`;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const min = LEVELS[opts.level ?? 'info'];
  const clock = opts.clock ?? (() => new Date());
  const make = (scope: string | null): Logger => {
    const emit = (level: LogLevel, message: string, detail?: unknown): void => {
      if (LEVELS[level] < min) return;
      const line = formatLine(clock(), level, scope, String(message), detail);
      if (opts.console) process.stderr.write(line);
      if (!opts.file) return;
      try {
        opts.file.write(line);
      } catch (err) {
        // A full disk or a deleted logs folder must never take the app down with it.
        process.stderr.write(`log write failed: ${(err as Error).message}\n${line}`);
      }
    };
    return {
      debug: (m, d) => emit('debug', m, d),
      info: (m, d) => emit('info', m, d),
      warn: (m, d) => emit('warn', m, d),
      error: (m, d) => emit('error', m, d),
      child: (s) => make(scope ? `${scope}:${s}` : s),
    };
  };
  return make(null);
}
