/**
 * Desktop-shell types shared by main and the renderer: auto-update status, the friendly
 * unexpected-error message, menu commands and the renderer's error report. Main's logic lives in
 * src/main/update (policy), src/backend/logging (crash handlers) and src/main/electron (menu).
 */
import { z } from 'zod';
import type { ErrorCode } from '../errors';

export type UpdateDisabledReason = 'development' | 'not-packaged' | 'no-feed' | 'turned-off' | 'unsupported-install';

/** Why an update step failed; the renderer shows `update.errors.<kind>`. */
export type UpdateErrorKind = 'offline' | 'server' | 'integrity' | 'permission' | 'unknown';

/** What Settings › Updates shows. `ready` → the "Restart to update" button with the release notes. */
export type UpdateStatus =
  | { state: 'disabled'; reason: UpdateDisabledReason; currentVersion: string }
  | { state: 'idle'; currentVersion: string; lastCheckedAt: number | null }
  | { state: 'checking'; currentVersion: string; userInitiated: boolean }
  | { state: 'up-to-date'; currentVersion: string; lastCheckedAt: number }
  | { state: 'downloading'; currentVersion: string; version: string; percent: number; releaseNotes: string }
  | { state: 'ready'; currentVersion: string; version: string; releaseNotes: string }
  /** `userInitiated`: the user pressed "Check for updates" — show it; otherwise it was a quiet background retry. */
  | { state: 'error'; currentVersion: string; kind: UpdateErrorKind; message: string; retryAt: number; userInitiated: boolean };

/** An unexpected error, as shown to the user (message already redacted; details are in the log). */
export interface UnexpectedError {
  code: ErrorCode;
  message: string;
  /** The log file holding the stack, for an "Open logs folder" button. */
  logFile: string | null;
  source: 'main' | 'renderer';
}

export const MENU_COMMANDS = ['project/new', 'project/open', 'project/export', 'app/settings', 'app/checkForUpdates', 'app/openLogsFolder'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the renderer sends when window.onerror / unhandledrejection / an error boundary fires. */
export const RendererErrorReport = z
  .object({
    kind: z.enum(['error', 'unhandledrejection', 'render']),
    message: z.string().max(2000),
    stack: z.string().max(20_000).optional(),
    /** The React component stack from an error boundary. */
    componentStack: z.string().max(20_000).optional(),
  })
  .strict();
export type RendererErrorReport = z.infer<typeof RendererErrorReport>;
