import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every refusal leaves the Worker as `{ error: { code, message } }` with a code the app maps to a
 * message; upstream keys and headers never appear in it.
 */
export class ProxyError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ProxyError';
  }
  toBody(): { error: { code: string; message: string; details?: unknown } } {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const unauthenticated = (message = 'Sign in again: the access token is missing, expired or invalid.') => new ProxyError(401, 'UNAUTHENTICATED', message);
export const forbidden = (code: string, message: string) => new ProxyError(403, code, message);
export const notFound = (message = 'Not found.') => new ProxyError(404, 'NOT_FOUND', message);
export const badRequest = (message: string, details?: unknown) => new ProxyError(400, 'VALIDATION', message, details);
