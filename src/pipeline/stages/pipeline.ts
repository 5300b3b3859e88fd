/**
 * The step graph of one ad. Scenes form a chain; voiceover starts once safety has approved (no
 * paid call before that) and comes before the first scene, because the lines are measured and
 * the scene lengths fitted to them; music and SFX start once the prompts exist, beside the scenes.
 *
 *   bible → storyboard → safety ─┬→ references ─┐
 *                                ├→ voiceover ──┼→ scene:1 → scene:2 → … → scene:N ─┐
 *                                └→ prompts ────┘                                    ├→ timeline → export:<aspect>
 *                                      └→ music, sfx ────────────────────────────────┘
 */
import type { StepDef } from '../engine/executor';
import type { StageContext, StepOutputs } from './outputs';
import { exportStage, timelineStage } from './assemble';
import { musicStage, sfxStage, voiceoverStage } from './audio';
import { bibleStage, promptsStage, referencesStage, safetyStage, storyboardStage } from './creative';
import type { StageEnv } from './env';
import { sceneExpectedSeconds, sceneStage } from './scenes';

export function exportStepId(aspect: string): `export:${string}` {
  return `export:${aspect.replace(':', 'x')}`;
}

export function buildSteps(env: StageEnv): StepDef<StepOutputs>[] {
  const e = env.family.expectations;
  const n = env.plan.count;
  const refCount = env.family.name === 'offline' ? 1 : 4;
  const step = (id: string, deps: string[], expectedSeconds: number, run: (env: StageEnv, ctx: StageContext) => Promise<unknown>): StepDef<StepOutputs> => ({
    id,
    deps,
    expectedSeconds,
    run: (ctx) => run(env, ctx),
  });
  const scenes = Array.from({ length: n }, (_, i) => i + 1).map((i) =>
    step(`scene:${i}`, i === 1 ? ['prompts', 'references', 'voiceover'] : [`scene:${i - 1}`], sceneExpectedSeconds(env, i) + (i > 1 ? e.text : 0), sceneStage(i)),
  );
  return [
    step('bible', [], e.text + 0.2, bibleStage),
    step('storyboard', ['bible'], e.text, storyboardStage),
    step('safety', ['storyboard'], e.text, safetyStage),
    step('references', ['safety'], e.image * (refCount > 1 ? 1.1 : 1), referencesStage),
    step('prompts', ['safety'], e.text, promptsStage),
    ...scenes,
    step('voiceover', ['safety'], e.speech * (env.family.name === 'offline' ? n : 1.2), voiceoverStage),
    step('music', ['prompts'], e.music, musicStage),
    step('sfx', ['prompts'], e.sfx, sfxStage),
    step('timeline', [`scene:${n}`, 'voiceover', 'music', 'sfx'], 0.3, timelineStage),
    step(exportStepId(env.brief.aspect), ['timeline'], e.exportPerSecond * env.brief.lengthSeconds, exportStage),
  ];
}
