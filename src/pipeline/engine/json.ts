/**
 * Step outputs are JSON: they are committed to SQLite as JSON and replayed from it, so the value a
 * later step reads must be the same whether its input ran just now or was replayed after a
 * restart. `jsonOutput` refuses anything JSON would change (functions, NaN, Dates, Maps, class
 * instances, undefined in an array, cycles…) and returns a fresh copy, so a step can never mutate
 * another step's output through a shared object either. A property whose value is undefined is
 * dropped, as JSON does (an optional field left unset reads the same either way).
 */
import { AppError } from '../../shared/errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A deep copy of `value` if it is plain JSON; otherwise an INTERNAL error naming where it is not. */
export function jsonOutput(value: unknown, what: string): JsonValue {
  const open = new Set<object>();
  const copy = (v: unknown, at: string): JsonValue => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      throw notJson(what, at, String(v));
    }
    if (typeof v !== 'object') throw notJson(what, at, typeof v);
    if (open.has(v)) throw notJson(what, at, 'a cycle');
    open.add(v);
    try {
      if (Array.isArray(v)) return v.map((x, i) => copy(x, `${at}[${i}]`));
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw notJson(what, at, `a ${(v as object).constructor?.name ?? 'non-plain'} object`);
      const out: { [key: string]: JsonValue } = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = copy(x, `${at}.${k}`);
      return out;
    } finally {
      open.delete(v);
    }
  };
  return value === undefined ? null : copy(value, '$');
}

function notJson(what: string, at: string, found: string): AppError {
  return new AppError('INTERNAL', `${what} is not JSON at ${at} (found ${found}); step outputs are stored as JSON and replayed after a restart, so they must be plain JSON.`);
}
