/**
 * Renderer errors nobody caught: each is sent to main's log (`app/reportError`, redacted and
 * rate-limited there) and the user sees the friendly notice instead of a silently broken screen.
 */
import type { InputOf } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useCrash } from './crash-store';

type Report = InputOf<'app/reportError'>;

const clip = (s: string | undefined, max: number) => (s === undefined ? undefined : s.slice(0, max));

/** Chromium's benign layout notice, raised as a window error; it is not a bug in Zapcut. */
const BENIGN = /^ResizeObserver loop (limit exceeded|completed with undelivered notifications)/;

export function describeError(kind: Report['kind'], err: unknown, componentStack?: string): Report {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : typeof err === 'string' ? err : safeJson(err);
  // Limits match the RendererErrorReport schema, so an oversized stack never turns into VALIDATION.
  return {
    kind,
    message: clip(message || 'Unknown error', 2000) as string,
    stack: clip(err instanceof Error ? err.stack : undefined, 20_000),
    componentStack: clip(componentStack || undefined, 20_000),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Logs the report in main and shows the notice. Never throws: reporting must not cause errors. */
export function reportRendererError(report: Report, opts: { notify?: boolean } = {}): void {
  if (opts.notify !== false) useCrash.getState().show('renderer');
  try {
    void api.desktop.reportError(report).catch(() => undefined);
  } catch {
    // No bridge (page opened outside the app): nothing to log to; the notice still shows.
  }
}

export function installErrorReporting(target: Window = window): () => void {
  const onError = (event: ErrorEvent) => {
    if (BENIGN.test(event.message)) return;
    reportRendererError(describeError('error', event.error ?? event.message));
  };
  const onRejection = (event: PromiseRejectionEvent) => reportRendererError(describeError('unhandledrejection', event.reason));
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
