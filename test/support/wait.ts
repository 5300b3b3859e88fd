/**
 * The one wait helper of the tests (no test writes its own polling loop or fixed sleep): reads
 * until `ok(value)` holds, every `intervalMs`, and fails after `timeoutMs` naming what it waited
 * for and the last value it saw. The bound is a failure bound only — nothing asserts how fast.
 */
export interface WaitOptions<T> {
  timeoutMs?: number;
  intervalMs?: number;
  /** How the last value reads in the timeout message (default: its JSON, cut to 400 characters). */
  show?: (last: T) => string;
}

export async function waitFor<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, what: string, opts: WaitOptions<T> = {}): Promise<T> {
  const { timeoutMs = 120_000, intervalMs = 100 } = opts;
  const show = opts.show ?? ((v: T) => String(JSON.stringify(v)).slice(0, 400));
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${show(v)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
