import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../backend/backend';
import { loadBrief } from '../../pipeline/brief';
import { openCliBackend } from './cli-backend';

describe('the CLI and the app share one data folder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.unstubAllEnvs();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('a brand the CLI creates for a brief is listed by the app backend on the same folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zapcut-shared-'));
    dirs.push(dataDir);
    vi.stubEnv('ZAPCUT_DATA_DIR', dataDir);
    const brief = await loadBrief(join(process.cwd(), 'resources/briefs/example.json'));

    const cli = openCliBackend();
    const projectId = cli.runs.create(brief, { provider: 'offline' }).projectId!;
    cli.close();

    const backend = createBackend({ dataDir, mediaBaseUrl: '/media/' });
    try {
      const brands = await backend.dispatch('brand/list', {});
      expect(brands.ok).toBe(true);
      const names = (brands.ok ? (brands.value as { name: string; adCount: number }[]) : []).map((b) => [b.name, b.adCount]);
      expect(names).toEqual([[brief.brand.name, 1]]);
      const project = await backend.dispatch('project/get', { id: projectId });
      expect(project.ok).toBe(true);
      // Stored in the chat's shape, like any project: the app reads the brief's answers back.
      const view = project.ok ? (project.value as { status: string; title: string }) : null;
      expect(view).toMatchObject({ status: 'generating', title: brief.product.name });
    } finally {
      backend.close();
    }
  });
});
