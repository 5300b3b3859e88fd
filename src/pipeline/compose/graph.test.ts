import { describe, expect, it } from 'vitest';
import { compile as compileTimeline, specKey, type CompileOptions, type TextRasters } from '../../shared/timeline';
import { sampleTimeline } from '../../shared/timeline/fixtures';
import { envelopeExpr, layerFades } from './expressions';
import { toFfmpeg, type MediaFacts } from './graph';

const video = (path: string, hasAudio = false): MediaFacts => ({ path, sar: 1, durationS: 10, still: false, hasAudio, hasAlpha: false });
const media: Record<string, MediaFacts> = {
  red: video('/m/red.mp4'),
  green: video('/m/green.mp4', true),
  blue: video('/m/blue.mp4'),
  logo: { path: '/m/logo.png', sar: 1, durationS: null, still: true, hasAudio: false, hasAlpha: true },
  voice: { ...video('/m/voice.wav', true), durationS: 5 },
  music: { ...video('/m/music.wav', true), durationS: 60 },
};

/** Text pictures as the engine would report them (the graph only needs their files and sizes). */
const rasters: TextRasters = (spec) => ({ key: specKey(spec), src: `/text/${specKey(spec)}.png`, width: 200, height: 40, fontSize: spec.fontSize, lines: [spec.text], truncated: false });
const compile = (tl: unknown, opts: CompileOptions = {}) => compileTimeline(tl, { text: rasters, ...opts });

describe('toFfmpeg', () => {
  it('builds one graph for the sample timeline (snapshot)', () => {
    const tl = sampleTimeline();
    tl.main.clips[1]!.gain = 0.8; // the green scene's own sound joins the mix
    const job = toFfmpeg(compile(tl), { media, filterScriptPath: '/tmp/graph.txt' });
    expect(job.filterScript).toMatchSnapshot();
    expect(job.args).toMatchSnapshot();
    expect(job).toMatchObject({ frames: 150, durationS: 5 });
  });

  it('never uses xfade or amix normalize (absent from FFmpeg 4.1)', () => {
    const { filterScript } = toFfmpeg(compile(sampleTimeline()), { media, filterScriptPath: '/g' });
    expect(filterScript).not.toMatch(/xfade|normalize=/);
    expect(filterScript).toMatch(/fade=t=in:st=0:d=0\.5:alpha=1/);
  });

  it('draft: ultrafast, lower CRF budget, 540p canvas', () => {
    const job = toFfmpeg(compile(sampleTimeline(), { draft: true }), { media, filterScriptPath: '/g' });
    expect(job.args.join(' ')).toMatch(/-preset ultrafast -crf 28/);
    expect(job.filterScript).toMatch(/scale=960:540:force_original_aspect_ratio=increase,crop=960:540/);
  });

  it('uses a silent track when nothing makes sound', () => {
    const tl = sampleTimeline();
    tl.audio = [];
    const { filterScript } = toFfmpeg(compile(tl), { media, filterScriptPath: '/g' });
    expect(filterScript).toMatch(/anullsrc=r=48000:cl=stereo,atrim=end_sample=240000/);
  });
});

describe('envelope forms', () => {
  it('reads fades back from an opacity envelope', () => {
    const f = layerFades([{ frame: 30, value: 0 }, { frame: 45, value: 1 }, { frame: 50, value: 1 }, { frame: 60, value: 0 }], 30, 30);
    expect(f).toMatchObject({ level: 1, fadeIn: { st: 0, d: 0.5 } });
    expect(f.fadeOut!.st).toBeCloseTo(20 / 30, 9);
    expect(f.fadeOut!.d).toBeCloseTo(10 / 30, 9);
    expect(layerFades([{ frame: 0, value: 0.5 }], 0, 30)).toEqual({ level: 0.5, fadeIn: null, fadeOut: null });
  });
  it('writes piecewise-linear volume expressions', () => {
    expect(envelopeExpr([{ frame: 0, value: 0.3 }], 30)).toBe('0.3');
    expect(envelopeExpr([{ frame: 30, value: 1 }, { frame: 60, value: 0.5 }], 30)).toBe('if(lt(t,1),1,if(lt(t,2),1+(t-1)*-0.5,0.5))');
  });
});
