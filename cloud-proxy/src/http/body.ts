import type { Context } from 'hono';
import { type z } from 'zod';
import { ProxyError, badRequest } from './errors';

export const JSON_LIMIT_BYTES = 64 * 1024;
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * Reads the body as bytes, refusing with 413 as soon as it passes `limit` (Content-Length is
 * checked first, then the stream is counted, since chunked bodies carry no length).
 */
export async function readLimited(c: Context, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const body = c.req.raw.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const ch of chunks) {
    out.set(ch, off);
    off += ch.byteLength;
  }
  return out;
}

function tooLarge(limit: number): ProxyError {
  return new ProxyError(413, 'PAYLOAD_TOO_LARGE', `The request body is over ${Math.round(limit / 1024)} KB; send less data (upload images through /replicate/v1/files).`);
}

/** Parses a JSON body within `limit` bytes and validates it with `schema`. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, limit = JSON_LIMIT_BYTES): Promise<z.infer<S>> {
  const bytes = await readLimited(c, limit);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw badRequest('The request body must be JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest('The request body is not valid.', parsed.error.issues);
  return parsed.data;
}
