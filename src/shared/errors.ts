import { z } from 'zod';

/**
 * Error codes cross every boundary (IPC, WebSocket harness, CLI, HTTP) as data: `instanceof` does
 * not survive serialisation, codes do. The renderer maps each code to an i18n key `errors.<CODE>`.
 */
export const ErrorCode = z.enum([
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNSUPPORTED_MEDIA',
  'MEDIA_TOO_LARGE',
  'IO',
  'FFMPEG',
  'CANCELLED',
  /** Not a failure: the run stopped after its keyframes for the user to approve the pictures (issue 21). */
  'AWAITING_APPROVAL',
  'SAFETY_BLOCKED',
  'PROVIDER',
  'RATE_LIMITED',
  'UNAUTHENTICATED',
  'PAYMENT_REQUIRED',
  'OFFLINE',
  'UNSUPPORTED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Optional structured detail (e.g. zod issues, the item a validation names). Must be JSON. */
  details?: unknown;
}

/** Thrown by services; handlers turn it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly retryable: boolean;
  constructor(code: ErrorCode, message: string, opts: { details?: unknown; retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = opts.details;
    this.retryable = opts.retryable ?? false;
  }
  toJSON(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * A reason the app can say in the user's language: `details.i18n` holds an i18n key and its values;
 * the message stays the English wording for the CLI and logs.
 */
const ErrorI18n = z.object({ i18n: z.object({ key: z.string().regex(/^errors\.[a-zA-Z0-9_.]+$/), values: z.record(z.string(), z.union([z.string(), z.number()])) }) });
export function errorI18n(error: AppErrorShape): { key: string; values: Record<string, string | number> } | null {
  const r = ErrorI18n.safeParse(error.details);
  return r.success ? r.data.i18n : null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Normalises anything thrown into an AppErrorShape without leaking stack traces across IPC. */
export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toJSON();
  if (err instanceof z.ZodError) {
    return { code: 'VALIDATION', message: z.prettifyError(err), details: err.issues };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
