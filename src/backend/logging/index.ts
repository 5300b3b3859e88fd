import { join } from 'node:path';
import { createLogger, type Logger, type LogLevel } from './logger';
import { RotatingFile } from './rotating-file';

export { createLogger, formatLine, type Logger, type LogLevel } from './logger';
export { RotatingFile } from './rotating-file';
export { redactText, redactValue, REDACTED } from './redact';
export { installCrashHandlers, type UnexpectedError } from './crash-handlers';

export interface AppLog {
  logger: Logger;
  /** `<dataDir>/logs` — what "Open logs folder" opens. */
  logsDir: string;
  /** The file being written now. */
  logFile: string;
}

/**
 * The app's log: `<dataDir>/logs/zapcut.log`, rotated at 5 MB, 5 files kept (≤ 25 MB on disk).
 * Every line is redacted (see ./redact.ts).
 */
export function openAppLog(dataDir: string, opts: { level?: LogLevel; console?: boolean } = {}): AppLog {
  const logsDir = join(dataDir, 'logs');
  const file = new RotatingFile({ dir: logsDir, baseName: 'zapcut', maxBytes: 5 * 1024 * 1024, maxFiles: 5 });
  const logger = createLogger({ file, level: opts.level ?? 'info', console: opts.console ?? false });
  return { logger, logsDir, logFile: file.currentPath };
}
