import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBrief, resolveBrief } from '../../brief';
import { planScenes } from '../../stages/plan';
import { storyboardSchema } from '../../stages/schemas';
import { offlineBible, offlineContinuity, offlineStoryboard, punch, repeats, spokenAudience } from './text';

const brief = resolveBrief(
  {
    brand: { name: 'Luna Coffee', description: 'Small-batch cold brew. Calm mornings.' },
    product: { name: 'Luna Cold Brew', description: 'Smooth organic cold brew, steeped 18 hours.', audience: 'busy professionals', benefit: 'calm, steady energy', images: ['a.png'] },
    cta: 'Order today',
  },
  '/tmp',
);

describe('offline templates', () => {
  it('builds a bible whose colours are the images\' palette (brand colours first)', () => {
    const bible = offlineBible({ brief: { ...brief, brand: { ...brief.brand, colors: ['#112233'] } }, palette: ['#4A3121', '#E8C07D', '#F3E9DC'] });
    expect(bible.colors.slice(0, 4)).toEqual(['#112233', '#4A3121', '#E8C07D', '#F3E9DC']);
    expect(bible.energyLevel).toBeLessThan(5); // "calm" brief
  });
  it('fills a storyboard from the brief that passes the strict schema', () => {
    const plan = planScenes(30);
    const bible = offlineBible({ brief, palette: ['#4A3121', '#E8C07D', '#F3E9DC', '#FFFFFF'] });
    const sb = offlineStoryboard({ brief, bible, plan, lengthSeconds: 30 });
    expect(storyboardSchema(30, 5).safeParse(sb).success).toBe(true);
    // Titles are short punchlines from another field than the scene's narration (captions).
    expect(sb.scenes[0]!.title).toBe('Calm, steady energy');
    // Not the product's name: the caption just before it said "Meet Luna Cold Brew" (issue 16).
    expect(sb.scenes[1]!.title).toBe('Calm mornings');
    expect(sb.scenes.at(-1)!.title).toBe('Order today');
    for (const s of sb.scenes.slice(0, -1)) expect(s.voiceover.toLowerCase()).not.toContain(s.title.toLowerCase());
    for (const s of sb.scenes.slice(0, -1)) expect([...s.title].length).toBeLessThanOrEqual(32);
    expect(sb.scenes[3]!.voiceover).toBe('Calm, steady energy.');
    // Each scene describes its own shot (no shared template sentence).
    expect(new Set(sb.scenes.map((s) => s.description)).size).toBe(sb.scenes.length);
    expect(sb.scenes[1]!.description).toBe('Close, tactile details of Luna Cold Brew: smooth organic cold brew, steeped 18 hours.');
    expect(sb.scenes[3]!.description).toMatch(/^The payoff — calm, steady energy: Luna Cold Brew fills the frame/);
  });
  it('makes one scene per creator idea, in order, carrying the idea\'s words; the direction colours the bible', () => {
    const ideas = [{ idea: 'Open on a sunrise over the harbour' }, { idea: 'A runner pauses on the pier to drink', images: ['/tmp/pier.png'] }, { idea: 'Close on the bottle sweating on a café table' }];
    const b = { ...brief, lengthSeconds: 30 as const, direction: 'Golden hour light, unhurried and warm.', scenes: ideas };
    const bible = offlineBible({ brief: b, palette: ['#4A3121', '#E8C07D', '#F3E9DC', '#FFFFFF'] });
    expect(bible.lighting).toBe('golden-hour light, warm tones');
    expect(bible.brandStyle).toMatch(/Golden hour light, unhurried and warm/);
    expect(offlineBible({ brief: { ...brief, direction: 'Punchy, fast cuts.' }, palette: [] }).energyLevel).toBe(7); // over the brief's "calm"
    const plan = planScenes(30, undefined, Infinity, ideas.length);
    const sb = offlineStoryboard({ brief: b, bible, plan, lengthSeconds: 30 });
    expect(storyboardSchema(30, 3).safeParse(sb).success).toBe(true);
    expect(sb.scenes.map((s) => s.idea)).toEqual([1, 2, 3]);
    expect(sb.scenes.map((s) => s.description.split('.')[0])).toEqual(['Open on a sunrise over the harbour', 'A runner pauses on the pier to drink', 'Close on the bottle sweating on a café table']);
    expect(sb.scenes[1]!.keyEvents[0]).toBe('A runner pauses on the pier to drink');
    // A longer plan (the model's clips are short): the ideas first, then the writer's own scenes.
    const more = offlineStoryboard({ brief: b, bible, plan: planScenes(30, 5, Infinity, 3), lengthSeconds: 30 });
    expect(more.scenes.map((s) => s.idea ?? null)).toEqual([1, 2, 3, null, null]);
  });
  it('writes its few template words in the brief’s language (given, or detected from the brief)', () => {
    const es = resolveBrief(
      {
        brand: { name: 'Café Sol', description: 'Tostadores de café de especialidad en Madrid, con granos de origen único.' },
        product: { name: 'Sol Cold Brew', description: 'Café frío suave, sin amargor y con notas de cacao.', audience: 'profesionales con poco tiempo', benefit: 'energía tranquila para todo el día', images: ['a.png'] },
      },
      '/tmp',
    );
    const plan = planScenes(30);
    const bible = offlineBible({ brief: es, palette: ['#4A3121', '#E8C07D', '#F3E9DC', '#FFFFFF'] });
    const sb = offlineStoryboard({ brief: es, bible, plan, lengthSeconds: 30 });
    const spoken = sb.scenes.map((s) => s.voiceover).join(' ');
    expect(sb.scenes[0]!.voiceover).toBe('Descubre Sol Cold Brew, de Café Sol.');
    expect(spoken).toContain('Pensado para profesionales con poco tiempo.');
    expect(sb.scenes.at(-1)!.title).toBe('Consíguelo hoy');
    expect(spoken).not.toMatch(/\b(Meet|from|Made for|Get yours)\b/);
    // A brief that names its language wins over the guess; an unknown one gets English templates.
    const fr = offlineStoryboard({ brief: { ...es, language: 'fr-CA' }, bible, plan, lengthSeconds: 30 });
    expect(fr.scenes[0]!.voiceover).toBe('Découvrez Sol Cold Brew, par Café Sol.');
    expect(offlineStoryboard({ brief: { ...es, language: 'ja' }, bible, plan, lengthSeconds: 30 }).scenes[0]!.voiceover).toBe('Meet Sol Cold Brew, from Café Sol.');
    expect(offlineStoryboard({ brief, bible, plan, lengthSeconds: 30 }).scenes[0]!.voiceover).toBe('Meet Luna Cold Brew, from Luna Coffee.');
  });
  it('continuity tightens the prompt when the last frame drifted from the bible', () => {
    const bible = offlineBible({ brief, palette: ['#4A3121', '#E8C07D', '#F3E9DC', '#FFFFFF'] });
    const previous = offlineStoryboard({ brief, bible, plan: planScenes(15), lengthSeconds: 15 }).scenes[0]!;
    const base = { sceneIndex: 2, prompt: 'Scene two.', bible, previous, scene: previous };
    const ok = offlineContinuity({ ...base, observed: { colors: ['#4B3222', '#E9C17E'], brightness: 0.5 } });
    expect(ok.driftDetected).toBe(false);
    const drift = offlineContinuity({ ...base, observed: { colors: ['#00FF00', '#0000FF', '#FF00FF'], brightness: 0.5 } });
    expect(drift.driftDetected).toBe(true);
    expect(drift.styleStrength).toBeGreaterThanOrEqual(0.9);
    expect(drift.updatedPrompt).toContain(bible.colors[0]);
    expect(drift.updatedPrompt).toMatch(/^Continue from the previous shot/);
  });
});

describe('spokenAudience', () => {
  it('says who the ad is for without the targeting note', () => {
    expect(spokenAudience('busy professionals aged 25 to 40')).toBe('busy professionals');
    expect(spokenAudience('new parents, ages 25–35.')).toBe('new parents');
    expect(spokenAudience('runners 18-45 who train daily')).toBe('runners');
    expect(spokenAudience('home cooks earning $50k+')).toBe('home cooks');
    expect(spokenAudience('small teams that ship weekly')).toBe('small teams that ship weekly');
    expect(spokenAudience('aged 30 to 50')).toBe('aged 30 to 50');
  });
});

describe('punchline titles', () => {
  it.each([
    ['brighter skin you can see in 14 days', 'Brighter skin'],
    ['brighter, even skin in 14 days', 'Brighter, even skin'],
    ['calm, steady energy without the crash', 'Calm, steady energy'],
    ['Luna Cold Brew', 'Luna Cold Brew'],
    ['run farther with less effort every day', 'Run farther'],
    ['all-day comfort that feels like nothing', 'All-day comfort'],
    ['energía tranquila sin bajones', 'Energía tranquila'],
    ['Supercalifragilisticexpialidociousness', 'Supercalifragilisticexpialidociousness'],
  ])('%s → %s', (text, title) => {
    expect(punch(text)).toBe(title);
  });
});

describe('scene titles', () => {
  it('no two scenes of an ad share a title: the 60 s shoe had "Stride 9" over half its scenes', () => {
    // resources/briefs/shoe-square.json
    const shoe = resolveBrief(
      {
        brand: { name: 'Stride Athletics', description: 'Running gear engineered in Boulder for everyday runners. Light, tough, honest.' },
        product: { name: 'Stride 9', description: 'A featherweight daily trainer with a responsive foam midsole and a breathable knit upper. It weighs 210 grams and lasts 800 kilometres.', audience: 'runners training for their first marathon', benefit: 'fresh legs on every long run', images: ['a.png'] },
        cta: 'Find your pair at stride.example/run',
        lengthSeconds: 60,
      },
      '/tmp',
    );
    for (const [b, length] of [[shoe, 60], [shoe, 30], [brief, 30], [brief, 15]] as const) {
      const plan = planScenes(length);
      const sb = offlineStoryboard({ brief: b, bible: offlineBible({ brief: b, palette: [] }), plan, lengthSeconds: length });
      const titles = sb.scenes.map((s) => s.title.toLowerCase());
      expect(new Set(titles).size, titles.join(' | ')).toBe(titles.length);
      // Still short punchlines, never the scene's own narration.
      for (const s of sb.scenes.slice(0, -1)) {
        expect([...s.title].length).toBeLessThanOrEqual(32);
        expect(s.voiceover.toLowerCase()).not.toContain(s.title.toLowerCase());
      }
    }
    const sixty = offlineStoryboard({ brief: shoe, bible: offlineBible({ brief: shoe, palette: [] }), plan: planScenes(60), lengthSeconds: 60 });
    // At most once (none since the titles also keep clear of the next caption: the closing one says "Stride 9.").
    expect(sixty.scenes.filter((s) => s.title === 'Stride 9').length).toBeLessThanOrEqual(1);
    // No sentence spoken twice: the 60 s shoe said "Running gear engineered in Boulder for everyday runners." three times.
    for (const [b, length] of [[shoe, 60], [shoe, 30], [brief, 60], [brief, 30], [brief, 15]] as const) {
      const sb = offlineStoryboard({ brief: b, bible: offlineBible({ brief: b, palette: [] }), plan: planScenes(length), lengthSeconds: length });
      const said = sb.scenes.flatMap((s) => s.voiceover.split(/(?<=[.!?])\s+/u)).map((x) => x.toLowerCase().replace(/[.!?…]+$/u, ''));
      expect(new Set(said).size, said.join(' | ')).toBe(said.length);
    }
    expect(sixty.scenes.map((s) => s.voiceover).join(' ')).toContain('It weighs 210 grams');
    expect(sixty.scenes.map((s) => s.title)).toContain('Light, tough, honest');
  });

  // Every brief the bench makes (resources/briefs), every length and aspect.
  const BRIEFS = path.resolve(import.meta.dirname, '../../../../resources/briefs');
  const files = readdirSync(BRIEFS).filter((f) => f.endsWith('.json'));
  it('a line repeats another when its meaning words are all in it, or both open alike (the review\'s pairs)', () => {
    expect(repeats('Ledgerly Autopilot', 'Meet Ledgerly Autopilot, from Ledgerly.')).toBe(true);
    expect(repeats('Ledgerly', 'Ledgerly Autopilot')).toBe(true);
    expect(repeats('Get paid 12 days', 'Get paid 12 days faster')).toBe(true);
    expect(repeats('Get paid on time', 'Get paid 12 days faster')).toBe(true);
    expect(repeats('Invoicing software', 'Get paid 12 days faster.')).toBe(false);
    expect(repeats('Luna Coffee', 'Luna Cold Brew')).toBe(false);
  });
  it.each(files.flatMap((f) => (['9:16', '1:1', '16:9'] as const).flatMap((aspect) => ([15, 30, 60] as const).map((length) => [f.replace(/\.json$/u, ''), aspect, length] as const))))(
    '%s %s %i s: titles are short punchlines that repeat neither each other nor the caption under them, just before or just after (SaaS: "Ledgerly Autopilot" after "Meet Ledgerly Autopilot")',
    async (name, aspect, length) => {
      const b = await loadBrief(path.join(BRIEFS, `${name}.json`), { aspect, lengthSeconds: length });
      const plan = planScenes(length, undefined, Infinity, b.scenes?.length ?? 0);
      const sb = offlineStoryboard({ brief: b, bible: offlineBible({ brief: b, palette: [] }), plan, lengthSeconds: length });
      // The CTA scene's title is the CTA (the end card's button; ad-text.ts does not draw it twice).
      const scenes = sb.scenes.filter((s) => s.role !== 'cta');
      scenes.forEach((s, i) => {
        expect([...s.title].length, s.title).toBeLessThanOrEqual(32);
        for (const other of scenes.slice(0, i)) expect(repeats(s.title, other.title), `"${s.title}" / "${other.title}"`).toBe(false);
        expect(repeats(s.title, s.voiceover), `"${s.title}" over "${s.voiceover}"`).toBe(false);
        const before = sb.scenes[sb.scenes.indexOf(s) - 1];
        if (before) expect(repeats(s.title, before.voiceover), `"${s.title}" after "${before.voiceover}"`).toBe(false);
        // Nor the caption that comes next (serum 9:16 15 s: the title "Brighter, even skin", then the caption "Brighter, even skin in 14 days.").
        const next = sb.scenes[sb.scenes.indexOf(s) + 1];
        if (next) expect(repeats(s.title, next.voiceover), `"${s.title}" before "${next.voiceover}"`).toBe(false);
      });
    },
  );
});
