import { describe, expect, it } from 'vitest';
import { builderArgs, rebuildsNativeModules } from './dist';

describe('dist arguments', () => {
  it('uses electron-builder.yml and never publishes unless asked', () => {
    expect(builderArgs(['--linux', 'dir'])).toEqual(['--config', 'electron-builder.yml', '--linux', 'dir', '--publish', 'never']);
    expect(builderArgs(['--publish', 'always'])).toEqual(['--config', 'electron-builder.yml', '--publish', 'always']);
    expect(builderArgs(['--publish=onTagOrDraft'])).not.toContain('never');
  });
  it('restores the Node build of better-sqlite3 only when electron-builder rebuilt it', () => {
    expect(rebuildsNativeModules(builderArgs(['--linux']))).toBe(true);
    expect(rebuildsNativeModules(builderArgs(['--linux', '-c.npmRebuild=false']))).toBe(false);
  });
});
