import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/errors';
import { en } from './resources';

function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, node]];
}

describe('English resources', () => {
  it('have a message for every error code the backend can return', () => {
    const missing = ErrorCode.options.filter((code) => typeof en.errors[code] !== 'string' || !en.errors[code].trim());
    expect(missing).toEqual([]);
  });

  it('contain only non-empty strings', () => {
    const bad = leaves(en).filter(([, v]) => typeof v !== 'string' || !v.trim());
    expect(bad).toEqual([]);
  });
});
