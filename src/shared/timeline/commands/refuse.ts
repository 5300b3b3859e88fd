/** A command that cannot apply throws `Refused`; applyCommand turns it into `{ ok: false }`. */
export class Refused extends Error {
  readonly itemId?: string;
  constructor(reason: string, itemId?: string) {
    super(reason);
    this.name = 'Refused';
    this.itemId = itemId;
  }
}

export function refuse(reason: string, itemId?: string): never {
  throw new Refused(reason, itemId);
}

export function requireInt(v: number, what: string, min: number): number {
  if (!Number.isFinite(v) || !Number.isInteger(v)) refuse(`${what} must be a whole number of frames (got ${v})`);
  if (v < min) refuse(`${what} must be at least ${min} (got ${v})`);
  return v;
}
