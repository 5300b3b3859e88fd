/**
 * Language models return text that is *supposed* to be JSON of a given shape. We parse it, check
 * it with zod, and when it is wrong ask the model once to repair it (telling it exactly what was
 * wrong). A second bad answer fails the stage with a clear error rather than looping and paying.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { CallContext, TextProvider, TextRequest } from '../providers/types';

/** Pulls the JSON value out of common wrappings (```json fences, prose before/after). */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
  const candidate = fenced ? fenced[1]!.trim() : trimmed;
  try {
    return JSON.parse(candidate);
  } catch {
    const start = candidate.search(/[[{]/);
    const end = Math.max(candidate.lastIndexOf('}'), candidate.lastIndexOf(']'));
    if (start >= 0 && end > start) return JSON.parse(candidate.slice(start, end + 1));
    throw new SyntaxError('no JSON value found');
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string };

export function checkJson<S extends z.ZodType>(text: string, schema: S): Checked<z.infer<S>> {
  let json: unknown;
  try {
    json = extractJson(text);
  } catch (err) {
    return { ok: false, problems: `Not valid JSON: ${(err as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: z.prettifyError(parsed.error) };
}

export interface ModelJsonResult<T> {
  value: T;
  costCents: number;
  repaired: boolean;
}

export async function completeJson<S extends z.ZodType>(
  stage: string,
  text: TextProvider,
  req: TextRequest,
  schema: S,
  ctx: CallContext,
  call: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<ModelJsonResult<z.infer<S>>> {
  const first = await call(() => text.complete(req, ctx));
  const checked = checkJson(first.text, schema);
  if (checked.ok) return { value: checked.value, costCents: first.costCents, repaired: false };
  const second = await call(() => text.complete({ ...req, repair: { previous: first.text, problems: checked.problems } }, ctx));
  const again = checkJson(second.text, schema);
  if (again.ok) return { value: again.value, costCents: first.costCents + second.costCents, repaired: true };
  throw new AppError(
    'PROVIDER',
    `Stage "${stage}": the ${text.model} model returned malformed JSON twice (${again.problems.split('\n')[0]}). Resume the run with \`zapcut resume <runId>\` to try again.`,
    { details: { problems: again.problems } },
  );
}
