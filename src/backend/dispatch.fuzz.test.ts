/**
 * Random payloads on every contract channel through dispatch: an input the schema rejects must
 * come back as VALIDATION; one it accepts must come back as a Result (value, or a domain error such
 * as NOT_FOUND) — never a throw, an INTERNAL error or an unhandled rejection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { channelNames, channels } from '../shared/contract';
import { ErrorCode } from '../shared/errors';
import { createBackend, type Backend } from './backend';

const RUNS = 300;

/** Keys the channel's schema knows (so payloads hit real fields with wrong values, not only junk). */
function keysOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

describe('dispatch fuzz', () => {
  let dir: string;
  let backend: Backend;
  let brandId: string;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    dir = mkdtempSync(join(tmpdir(), 'zapcut-fuzz-'));
    backend = createBackend({ dataDir: dir, mediaBaseUrl: '/media/' });
    const r = await backend.dispatch('brand/create', { name: 'Fuzz' });
    if (!r.ok) throw new Error(r.error.message);
    brandId = (r.value as { id: string }).id;
  });
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(channelNames)('%s survives random payloads', async (channel) => {
    const schema = channels[channel].input as z.ZodType;
    const keys = [...keysOf(schema), 'extra', '__proto__', 'constructor'];
    const value = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.constantFrom(brandId, '', ' ', '#FFFFFF', 'https://example.com', '../../etc/passwd', '/', 'en', 'AAAA'),
      fc.array(fc.anything(), { maxLength: 4 }),
      fc.array(fc.dictionary(fc.constantFrom('path', 'name', 'base64'), fc.oneof(fc.string(), fc.anything()), { maxKeys: 3 }), { maxLength: 3 }),
    );
    const payload = fc.oneof(
      fc.anything(),
      fc.constantFrom(undefined, null, 0, '', [], {}, 'brand/list'),
      fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (input) => {
        const accepted = schema.safeParse(input === undefined ? {} : input).success;
        const result = await backend.dispatch(channel, input);
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) {
          expect(accepted).toBe(true);
          return;
        }
        expect(ErrorCode.options).toContain(result.error.code);
        expect(typeof result.error.message).toBe('string');
        if (!accepted) expect(result.error.code).toBe('VALIDATION');
        else expect(result.error.code).not.toBe('INTERNAL');
        // Errors cross IPC/WebSocket as JSON: they must survive a round trip unchanged.
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
      { numRuns: RUNS },
    );
    expect(rejections).toEqual([]);
  });

  it('random channel names are refused with VALIDATION', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'brand/', '/list')), fc.anything(), async (name, input) => {
        fc.pre(!(channelNames as string[]).includes(name));
        const result = await backend.dispatch(name, input);
        expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }),
      { numRuns: RUNS },
    );
    // Not even a string.
    expect(await backend.dispatch(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
