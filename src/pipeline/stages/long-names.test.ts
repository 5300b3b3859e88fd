/**
 * Long brand names through the writer and the layout (issue 16): a title or brand name is never
 * cut — the writer says and shows the name's short form (copy.ts shortName) within its budget, a
 * title is a whole phrase, a voice line (and so its captions) never ends in "…" — and the layout
 * sets what the writer gives at a readable size in every aspect, with nothing truncated. On the
 * old writer the 120-character bakery name came out as "Bread that tastes like" (title), "…from
 * Heritage Bread & Pastry Company of the Old Town…" (voice and captions) and a brand line on the
 * end card shrunk below its role's smallest size.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, emptyTimeline, layoutReport, specKey, type TextRasters } from '../../shared/timeline';
import { resolveBrief, type Brief } from '../brief';
import { offlineBible, offlineStoryboard } from '../providers/offline/text';
import { renderText, skiaMeasurer } from '../text/render';
import { endCardItems, titleItems } from './ad-text';
import { shortName } from './copy';
import { ctaOf } from './language';
import { planScenes } from './plan';

const base = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../resources/briefs/long-name.json'), 'utf8')) as Brief;
const NAMES = [
  base.brand.name,
  'The Extraordinarily Long Name Of A Family-Owned Artisanal Coffee Roastery And Bakery From The Hills Above Valencia',
  'Ridgeline Mountain Roasters Cooperative, Boulder, Colorado, Serving Runners and Climbers Since Nineteen-Ninety-Eight',
  'Northern Lights Handmade Candle and Soap Workshop by the Fjord',
];
const words = (t: string) => t.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
/** Words a phrase may stop before (a title that is a head of a longer field ends at one of these or at punctuation). */
const OPENS = /^(and|or|but|so|because|while|when|that|which|who|with|without|for|in|into|at|on|from|by|over|to|than|you|we|it|they|your|our)$/u;

const measurer = skiaMeasurer();
const shrunk: string[] = [];
const rasters: TextRasters = (spec) => {
  const r = renderText(spec, measurer);
  // Shrinking below the role's smallest size is the protected roles' last resort, unreadable on a
  // phone when it goes far (the old end card set the 120-character name at 0.6 of it); 0.9 is a line's margin.
  if (r.fontSize < 0.9 * spec.minFontSize) shrunk.push(`${spec.role} "${spec.text}" at ${r.fontSize} px < ${spec.minFontSize}`);
  return { key: specKey(spec), src: '', width: r.width, height: r.height, fontSize: r.fontSize, lines: r.lines, truncated: r.truncated };
};

describe('long brand names', () => {
  it('short form: the head of the name where a phrase ends, never cut mid-phrase, never an ellipsis; short names unchanged', () => {
    expect(shortName(NAMES[0]!)).toBe('Heritage Bread & Pastry Company');
    expect(shortName(NAMES[1]!)).toBe('The Extraordinarily Long Name');
    expect(shortName(NAMES[2]!)).toBe('Ridgeline Mountain Roasters Cooperative');
    expect(shortName(NAMES[3]!)).toBe('Northern Lights Handmade Candle');
    expect(shortName('Bank of America')).toBe('Bank of America');
    expect(shortName('Hive & Co.')).toBe('Hive & Co.');
    // No break within the budget: the name stays whole (the layout shrinks it, it is never cut).
    expect(shortName('Supercalifragilisticexpialidocious Wonderfully Magnificent Extraordinary Coffee')).toBe('Supercalifragilisticexpialidocious Wonderfully Magnificent Extraordinary Coffee');
  });

  for (const aspect of ['16:9', '9:16', '1:1'] as const) {
    for (const lengthSeconds of [15, 30, 60] as const) {
      it.each(NAMES.map((n) => [n.slice(0, 24), n]))(`${aspect} ${lengthSeconds} s, %s…: whole titles and names, no "…", nothing truncated or shrunk below its role's size`, (_label, name) => {
        const brief = resolveBrief({ ...base, brand: { ...base.brand, name } }, '/tmp', { aspect, lengthSeconds });
        const bible = offlineBible({ brief, palette: ['#8B5E3C', '#5C3A21', '#F3E9DC', '#FFFFFF'] });
        const plan = planScenes(lengthSeconds);
        const sb = offlineStoryboard({ brief, bible, plan, lengthSeconds });
        const short = shortName(name);
        const fields = [brief.product.name, brief.product.benefit, brief.product.description, brief.brand.description, brief.product.audience].flatMap((f) => [f, ...f.split(/(?<=[.!?])\s+/u)]);
        for (const s of sb.scenes) {
          expect(s.title, 'title').not.toContain('…');
          expect(s.voiceover, 'voice line (the captions)').not.toContain('…');
          // The brand is named whole (its short form) or not at all: never a cut-off head of the name.
          const head = words(name).split(' ').slice(0, 2).join(' ');
          if (words(s.voiceover).includes(head)) expect(words(s.voiceover)).toContain(words(short));
          if (words(s.title).includes(head)) expect(words(s.title)).toContain(words(short));
          // A title taken from the head of a longer field ends where a phrase does (the name's short form is checked above).
          const t = words(s.title);
          for (const f of fields.map(words)) {
            if (f === t || !f.startsWith(`${t} `)) continue;
            const next = f.slice(t.length + 1).split(' ')[0]!;
            const raw = fields.find((x) => words(x) === f)!;
            const endsAtPunct = new RegExp(`${s.title.split(/\s+/u).at(-1)!.replace(/[^\p{L}\p{N}]/gu, '')}[,;:.!?–—]`, 'u').test(raw);
            expect(OPENS.test(next) || endsAtPunct, `title "${s.title}" stops mid-phrase in "${raw.slice(0, 80)}"`).toBe(true);
          }
        }
        // Laid out: the titles and the end card (the brand's short form, as assemble.ts gives it).
        const fps = 30;
        const total = lengthSeconds * fps;
        let at = 0;
        const windows = sb.scenes.map((s) => {
          const w = { index: s.index, role: s.role, title: s.title, start: at, end: at + s.durationSeconds * fps };
          at = w.end;
          return w;
        });
        const end = endCardItems({ fps, total, brandName: short, cta: ctaOf(brief), accent: '#C98B3C', productMedia: 'p', logoMedia: null });
        const tl = emptyTimeline({ preset: aspect });
        tl.media = { p: { kind: 'image', sha256: 'a'.repeat(64), name: 'p.png', width: 800, height: 800 } };
        tl.overlays[0]!.items.push(...end.images);
        tl.overlays[1]!.items.push(...titleItems(windows, { fps, until: end.start, accent: '#C98B3C', cta: ctaOf(brief) }), ...end.text);
        shrunk.length = 0;
        const report = layoutReport(compile(tl, { text: rasters }), { imageSize: () => ({ width: 800, height: 800 }) });
        expect(report.truncations).toEqual([]);
        expect(report.overlaps).toEqual([]);
        expect(report.unsafe).toEqual([]);
        expect(shrunk).toEqual([]);
      });
    }
  }
});
