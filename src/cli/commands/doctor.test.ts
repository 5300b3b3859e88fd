import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../backend/backend';
import { doctorReport, formatReport, run } from './doctor';
import { latestVersion } from '../../backend/storage/migrate';

describe('zapcut doctor', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'zapcut-doctor-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('reports versions, the data folder and the bundled FFmpeg 4.1 capabilities (no xfade)', async () => {
    const dir = tempDir();
    createBackend({ dataDir: dir, mediaBaseUrl: '/media/' }).close();
    const r = await doctorReport({ ZAPCUT_DATA_DIR: dir });
    expect(r.node).toBe(process.versions.node);
    // A freshly created backend is migrated to the newest schema this build knows.
    expect(latestVersion()).toBeGreaterThanOrEqual(2);
    expect(r.dataDir).toEqual({ path: dir, exists: true, schemaVersion: latestVersion(), knownSchemaVersion: latestVersion() });
    if (!r.ffmpeg.ok) throw new Error(r.ffmpeg.error);
    expect(r.ffmpeg.bundled).toBe(true);
    expect(r.ffmpeg.capabilities).toMatchObject({ xfade: false, libass: true, drawtext: true, loudnorm: true });
    expect(r.ffmpeg.capabilities.encoders).toEqual(expect.arrayContaining(['libx264', 'aac']));
    const text = formatReport(r);
    expect(text).toMatch(/xfade\s+no/);
    expect(text).toContain(dir);
  });

  it('does not create the data folder and prints JSON with exit 0', async () => {
    const dir = join(tempDir(), 'not-yet');
    vi.stubEnv('ZAPCUT_DATA_DIR', dir);
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run(['--json'])).toBe(0);
    const report = JSON.parse(String(out.mock.calls[0]?.[0])) as { dataDir: { exists: boolean } };
    expect(report.dataDir.exists).toBe(false);
    const { existsSync } = await import('node:fs');
    expect(existsSync(dir)).toBe(false);
  });

  it('names a broken FFmpeg path and exits 1; rejects unknown options with 2', async () => {
    vi.stubEnv('ZAPCUT_DATA_DIR', tempDir());
    vi.stubEnv('ZAPCUT_FFMPEG_PATH', '/no/such/ffmpeg');
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run([])).toBe(1);
    expect(String(out.mock.calls[0]?.[0])).toContain('/no/such/ffmpeg');
    expect(await run(['--bogus'])).toBe(2);
  });
});
