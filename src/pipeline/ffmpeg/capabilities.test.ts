import { describe, expect, it } from 'vitest';
import { resolveBinaries } from './binaries';
import { getCapabilities, parseEncoders, parseFilters, parseVersion, summarizeCapabilities } from './capabilities';

describe('capabilities', () => {
  it('parses version strings of snapshot and release builds', () => {
    expect(parseVersion('ffmpeg version N-47683-g0e8eb07980-static https://…').release).toBeNull();
    expect(parseVersion('ffmpeg version 5.1.6-0+deb12u1 Copyright').release).toEqual({ major: 5, minor: 1 });
    expect(parseVersion('ffmpeg version n4.4.2').release).toEqual({ major: 4, minor: 4 });
  });

  it('parses filter and encoder tables', () => {
    const filters = parseFilters(' T.. afade   A->A  Fade\n TSC overlay VV->V Overlay\n ... xfade VV->V Cross fade\n ... amix N->A Mix\n');
    expect([...filters]).toEqual(['afade', 'overlay', 'xfade', 'amix']);
    const enc = parseEncoders('Encoders:\n V..... = Video\n ------\n V..... libx264   H.264\n A..... aac  AAC\n');
    expect([...enc]).toEqual(['libx264', 'aac']);
  });

  it('probes the bundled FFmpeg 4.1: no xfade, everything else the compiler needs', async () => {
    const { ffmpegPath, bundled } = resolveBinaries({ env: {} });
    expect(bundled).toBe(true);
    const caps = await getCapabilities(ffmpegPath);
    expect(caps.xfade).toBe(false);
    for (const k of ['libass', 'drawtext', 'loudnorm', 'zoompan', 'sidechaincompress', 'libx264', 'aac'] as const) expect(caps[k], k).toBe(true);
    expect(caps.filters.has('overlay')).toBe(true);
    expect(await getCapabilities(ffmpegPath)).toBe(caps); // cached per path
    expect(summarizeCapabilities(caps).encoders).toContain('libx264');
  });

  it('rejects a user-set path that does not exist, naming it', () => {
    expect(() => resolveBinaries({ ffmpegPath: '/nope/ffmpeg', env: {} })).toThrow(/\/nope\/ffmpeg/);
    expect(() => resolveBinaries({ env: { ZAPCUT_FFPROBE_PATH: '/nope/ffprobe' } })).toThrow(/ffprobe not found/);
  });

  it('lets the explicit setting win over the environment', () => {
    const bundled = resolveBinaries({ env: {} });
    const r = resolveBinaries({ ffmpegPath: bundled.ffmpegPath, env: { ZAPCUT_FFMPEG_PATH: '/nope' } });
    expect(r.ffmpegPath).toBe(bundled.ffmpegPath);
    expect(r.bundled).toBe(false);
  });
});
