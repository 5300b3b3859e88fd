import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from './backend';
import { isAlive } from './startup-sweep';
import { resolveBinaries } from '../pipeline/ffmpeg';
import { waitFor } from '../../test/support/wait';

const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'zapcut-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A Zapcut process mid-export, as the runner makes one: it records its FFmpeg child, which writes
 * a partial file into the media store's temp folder, and it has an atomic cache write in flight.
 */
const CHILD = `
import { writeFileSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { recordFfmpegChildrenIn, runFfmpeg } from ${JSON.stringify(path.join(root, 'src/pipeline/ffmpeg/run.ts'))};
const [dataDir, ffmpegPath] = process.argv.slice(2);
recordFfmpegChildrenIn(path.join(dataDir, '.ffmpeg-children'));
mkdirSync(path.join(dataDir, 'media', '.tmp'), { recursive: true });
mkdirSync(path.join(dataDir, 'editor-cache'), { recursive: true });
writeFileSync(path.join(dataDir, 'editor-cache', 'abc.json.' + process.pid + '.' + Date.now() + '.tmp'), '{"v":1,"pea');
writeFileSync(path.join(dataDir, 'media', '.tmp', process.pid + '-' + randomUUID() + '.png'), 'half a png');
runFfmpeg({
  ffmpegPath,
  args: ['-re', '-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=10', '-t', '600', '-c:v', 'mpeg4', '-f', 'mp4'],
  output: path.join(dataDir, 'media', '.tmp', process.pid + '-' + randomUUID() + '.mp4'),
  onSpawn: (pid) => console.log(JSON.stringify({ ffmpeg: pid })),
}).catch(() => undefined);
`;

async function poll(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  await waitFor(check, (v) => v, what, { timeoutMs: ms });
}

describe('start-up sweep', () => {
  it('after kill -9 of a Zapcut mid-export, the next start kills its orphaned FFmpeg and removes its half-written files — and nothing of the user', async () => {
    const dataDir = path.join(dir, 'data');
    mkdirSync(path.join(dataDir, 'exports'), { recursive: true });
    // The user's own files, in the exports folder and the data folder: never touched.
    const userFiles = [path.join(dataDir, 'exports', 'Spring ad.mp4'), path.join(dataDir, 'exports', 'holiday.2024.tmp'), path.join(dataDir, 'notes.partial.mp4')];
    for (const f of userFiles) writeFileSync(f, 'mine');
    const script = path.join(dir, 'zapcut-exporting.mts');
    writeFileSync(script, CHILD);
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, resolveBinaries().ffmpegPath], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise((r) => child.once('exit', r));
    await poll(() => /"ffmpeg":\d+/.test(out), 'the export to start');
    const ffmpegPid = Number(/"ffmpeg":(\d+)/.exec(out)![1]);
    const tmpDir = path.join(dataDir, 'media', '.tmp');
    await poll(() => readdirSync(tmpDir).some((n) => n.includes('.partial.')), 'the partial file');

    child.kill('SIGKILL');
    await exited;
    // The FFmpeg outlives its parent (this is the bug: it used to run on until its 600 s were done).
    expect(isAlive(ffmpegPid)).toBe(true);
    const names = (sub: string) => readdirSync(path.join(dataDir, sub));
    expect(names('media/.tmp')).toHaveLength(2);
    expect(names('media/.tmp')).toContainEqual(expect.stringMatching(/^\d+-[0-9a-f-]{36}\.png$/));
    expect(names('media/.tmp')).toContainEqual(expect.stringMatching(/^\.\d+-[0-9a-f-]{36}\.[0-9a-f]{8}\.partial\.mp4$/));
    expect(names('editor-cache')).toEqual([expect.stringMatching(/^abc\.json\.\d+\.\d+\.tmp$/)]);
    expect(names('.ffmpeg-children')).toEqual([`${ffmpegPid}.json`]);

    // The app (or the CLI) starts on the same data folder.
    const backend = createBackend({ dataDir, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false } });
    try {
      await poll(() => !isAlive(ffmpegPid), 'the orphaned FFmpeg to end', 10_000);
      expect(names('media/.tmp')).toEqual([]);
      expect(names('editor-cache')).toEqual([]);
      expect(names('.ffmpeg-children')).toEqual([]);
      for (const f of userFiles) expect(existsSync(f), f).toBe(true);
    } finally {
      backend.close();
      if (isAlive(ffmpegPid)) process.kill(ffmpegPid, 'SIGKILL');
    }
  });
});
